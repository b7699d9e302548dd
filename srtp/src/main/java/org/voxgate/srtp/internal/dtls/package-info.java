/**
 * DTLS-SRTP over Bouncy Castle's DTLS 1.2 (RFC 5764 sections 4.1 and 4.2, RFC 5763 section 5):
 * use_srtp negotiation, certificate fingerprint enforcement, source-address filtering.
 */
package org.voxgate.srtp.internal.dtls;
