package org.voxgate.sip;

/** Why a call ended, for CDRs. */
public enum EndCause {
    /** The caller sent BYE (dial-out: the callee did). */
    CALLER_HANGUP,
    /** The caller sent CANCEL before we answered (487). */
    CANCELLED,
    /** We answered the INVITE with an error (see {@link CallRecord#sipStatus()}). */
    REJECTED,
    /** The IVR ended the call: wrong codes, no input, meeting locked or full. */
    IVR_ENDED,
    /** No RTP/RTCP arrived for the bridge's media timeout; we sent BYE. */
    MEDIA_TIMEOUT,
    /** RFC 4028: no session refresh arrived in time; we sent BYE. */
    SESSION_EXPIRED,
    /** No ACK arrived for our 200 (RFC 3261 section 13.3.1.4); we sent BYE. */
    NO_ACK,
    /** The answer in the ACK was unusable; we sent BYE. */
    BAD_ANSWER,
    /** The gateway shut down; we sent BYE. */
    SHUTDOWN,
    /**
     * Dial-out only: the callee never joined (no answer, busy, declined, auth, not confirmed,
     * unreachable trunk); {@link CallRecord#sipStatus()} has the trunk's final status, if any.
     */
    DIAL_OUT_FAILED,
    /** Dial-out only: hung up through the API ({@link DialOut#hangup()}). */
    HUNG_UP_BY_API,
    /** The transport failed or a request could not be sent. */
    ERROR
}
