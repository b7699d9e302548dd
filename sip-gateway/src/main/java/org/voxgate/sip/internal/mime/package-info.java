/**
 * MIME multipart bodies (RFC 2046 section 5.1, RFC 5621 for SIP): carriers send INVITEs whose
 * body is {@code multipart/mixed} with the SDP offer next to an ISUP part (SIP-I, ITU-T Q.1912.5;
 * SIP-T, RFC 3372). We take the SDP part and ignore the rest.
 */
package org.voxgate.sip.internal.mime;
