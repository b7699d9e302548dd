/**
 * Everything that touches JAIN-SIP (the {@code javax.sip} API and its NIST reference
 * implementation, {@code gov.nist}): the stack and its UDP/TCP listening points, request
 * validation, responses, dialogs and transactions of each call. This is the ONLY package of
 * the module allowed to import {@code javax.sip} or {@code gov.nist}; {@code ImportRulesTest}
 * fails the build on a breach. The IVR, the RFC 4028 decisions and the INFO DTMF parser live
 * in SIP-free sibling packages.
 *
 * <p>Implements the UAS side of RFC 3261 (sections 8.2 request processing, 12 and 13.3 dialogs
 * and INVITE, 9.2 CANCEL, 15.1.2 BYE, 11 OPTIONS, 14 re-INVITE), RFC 3311 UPDATE, RFC 4028
 * session timers, RFC 3581 rport (done by the stack on responses), RFC 6086 INFO; and for
 * dial-out ({@code OutboundCall}) the UAC side: sections 8.1 and 13.2 (INVITE, ACK of a 2xx
 * through the dialog), 9.1 CANCEL, 22.2 digest answers, RFC 3263 section 4.3 failover to the
 * next host, RFC 3323/3325 privacy and asserted identity.
 *
 * <h2>Threads</h2>
 * JAIN-SIP delivers requests and responses on its own threads. Each call ({@code DialogCall}:
 * {@code SipCall} for dial-in, {@code OutboundCall} for dial-out) serializes its SIP state under
 * its own monitor; the small classes a call delegates to by concern ({@code InboundOffer} decides
 * before the lock is taken; {@code InviteServer}, {@code InboundMedia}, {@code InviteAttempts},
 * {@code DialOutDigest}, {@code OutboundMedia}, {@code CalleeJoin}, {@code CalleeRequests} run
 * under the call's monitor) have no lock of their own. Work that may block (opening a media leg,
 * sending BYE) runs on the gateway's call executor; timers on one scheduler thread. The IVR and
 * the "press 1" confirmation have their own monitors and never call back into a call
 * synchronously, so the lock order is always call, then IVR.
 */
package org.voxgate.sip.internal.stack;
