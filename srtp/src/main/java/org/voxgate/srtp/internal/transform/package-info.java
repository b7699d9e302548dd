/**
 * The SRTP and SRTCP packet transforms (RFC 3711 sections 3.3 and 3.4, RFC 7714 sections 8 and
 * 9), per-SSRC stream state and the derivation of session keys.
 */
package org.voxgate.srtp.internal.transform;
