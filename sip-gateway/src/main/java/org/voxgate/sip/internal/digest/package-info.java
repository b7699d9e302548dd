/**
 * SIP Digest authentication (RFC 3261 section 22, RFC 8760 for SHA-256 and SHA-512-256,
 * RFC 7616 for qop=auth and the hash definitions): challenges, credentials, response
 * computation and checking, for both sides (our inbound challenges and our answers to
 * carriers' challenges). Pure computation; no SIP stack types.
 */
package org.voxgate.sip.internal.digest;
