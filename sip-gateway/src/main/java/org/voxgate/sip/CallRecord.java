package org.voxgate.sip;

import java.time.Instant;

import org.voxgate.bridge.api.LegStats;

/**
 * What the gateway knows about one finished call, for CDRs.
 *
 * @param callId     SIP Call-ID
 * @param from       From URI as received
 * @param to         To URI as received
 * @param meetingId  meeting the caller joined or chose, or null
 * @param startTime  when the INVITE arrived
 * @param answerTime when we sent 200 OK, or null when never answered
 * @param endTime    when the call ended
 * @param cause      why it ended
 * @param sipStatus  final status we sent to the INVITE (200 when answered)
 * @param codec      negotiated codec, or null
 * @param legStats   media counters at the end, or null when no leg was opened
 * @param trunkId    the trunk the call came over (dial-in) or went through (dial-out), or null (a local caller)
 * @param accountId  the account of the called number (dial-in) or of the meeting (dial-out), or null
 * @param caller     who called, per the trunk's caller-ID policy (RFC 3325 P-Asserted-Identity
 *                   from trusted trunks, else From; "anonymous" when the caller asked for
 *                   privacy); dial-out: the identity we presented; null when unknown
 * @param direction  INBOUND for dial-in (from = the caller), OUTBOUND for dial-out (to = the callee,
 *                   startTime = our first INVITE, answerTime = the callee's 200, sipStatus = the
 *                   trunk's final status)
 */
public record CallRecord(String callId, String from, String to, String meetingId, Instant startTime,
                         Instant answerTime, Instant endTime, EndCause cause, int sipStatus, String codec,
                         LegStats legStats, String trunkId, String accountId, String caller,
                         CallDirection direction) {

    public CallRecord {
        java.util.Objects.requireNonNull(direction, "direction");
    }

    /** A dial-in record. */
    public CallRecord(String callId, String from, String to, String meetingId, Instant startTime,
                      Instant answerTime, Instant endTime, EndCause cause, int sipStatus, String codec,
                      LegStats legStats, String trunkId, String accountId, String caller) {
        this(callId, from, to, meetingId, startTime, answerTime, endTime, cause, sipStatus, codec, legStats,
                trunkId, accountId, caller, CallDirection.INBOUND);
    }

    /** A dial-in record without trunk, account or caller identity. */
    public CallRecord(String callId, String from, String to, String meetingId, Instant startTime,
                      Instant answerTime, Instant endTime, EndCause cause, int sipStatus, String codec,
                      LegStats legStats) {
        this(callId, from, to, meetingId, startTime, answerTime, endTime, cause, sipStatus, codec, legStats,
                null, null, null, CallDirection.INBOUND);
    }
}
