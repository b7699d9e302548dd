/**
 * Admission of new inbound calls and the per-trunk rules that follow it, with no SIP stack
 * types: which trunk (or trusted local network) an INVITE belongs to by the transport's peer
 * address ({@link org.voxgate.sip.internal.trunk.CidrTable}), Digest challenges and their
 * server-made nonces (RFC 3261 section 22.4, RFC 8760 section 2.4: several challenges,
 * preferred algorithm first; RFC 7616 section 3.3 stale, section 3.4 nonce-count), channel and
 * calls-per-second limits ({@link org.voxgate.sip.internal.trunk.TrunkLimits}) and the caller's
 * identity (RFC 3325 P-Asserted-Identity, RFC 3323 Privacy).
 */
package org.voxgate.sip.internal.trunk;
