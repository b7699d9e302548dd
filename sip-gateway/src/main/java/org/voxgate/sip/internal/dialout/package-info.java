/**
 * Dial-out without SIP in it: what each response to our INVITE means ({@link
 * org.voxgate.sip.internal.dialout.InviteOutcome}, RFC 3261 sections 8.1.3, 21; RFC 3263 section
 * 4.3 for trying the next host), the "press 1 to join" confirmation ({@link
 * org.voxgate.sip.internal.dialout.JoinConfirmation}), the status a {@link org.voxgate.sip.DialOut}
 * handle shows ({@link org.voxgate.sip.internal.dialout.DialOutState}), the From/P-Asserted-Identity
 * choice of the trunk's caller-ID policy (RFC 3325 section 9.1, RFC 3323 Privacy: id) and the
 * refusal checks made before any packet is sent ({@link org.voxgate.sip.internal.dialout.DialOutChecks}).
 * {@code internal.stack.OutboundCall} (with {@code InviteAttempts} for the hosts and timers and
 * {@code CalleeJoin} for the confirmation) drives these with JAIN-SIP.
 *
 * <pre>
 *  dialOut ─checks fail─► refused (no packet)
 *     │ INVITE host[0]
 *     ▼            5xx / silence &gt; hostTimeout / transport error
 *  DIALING ─────────────────────────────────────► INVITE host[i+1] (none left: UNREACHABLE)
 *     │ 1xx            401/407 (first)  ─► INVITE again with credentials; second ─► AUTH
 *     ▼                486/600 BUSY, 603 DECLINED, other 3xx-6xx REJECTED
 *  RINGING / EARLY_MEDIA ──ring timeout──► CANCEL ─► NO_ANSWER
 *     │ 200 ─► ACK
 *     ▼
 *  ANSWERED_AWAITING_CONFIRM ── "press 1" x confirmPlays ── other key / silence ─► BYE, NOT_CONFIRMED
 *     │ 1
 *     ▼
 *  JOINED ── BYE either way, session/media timeout ─► ENDED
 * </pre>
 */
package org.voxgate.sip.internal.dialout;
