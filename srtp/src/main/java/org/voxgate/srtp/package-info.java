/** SRTP and SRTCP (RFC 3711, RFC 6188, RFC 7714), SDES (RFC 4568), DTLS-SRTP (RFC 5764). */
package org.voxgate.srtp;
