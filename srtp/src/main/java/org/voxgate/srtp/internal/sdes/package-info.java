/** SDES {@code a=crypto} attribute parsing (RFC 4568 sections 4, 6 and 9.1). */
package org.voxgate.srtp.internal.sdes;
