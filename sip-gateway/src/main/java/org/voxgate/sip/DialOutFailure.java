package org.voxgate.sip;

/** Why a dial-out never joined ({@link DialOutStatus#FAILED}). */
public enum DialOutFailure {
    /** Nobody answered within the ring timeout; we sent CANCEL. */
    NO_ANSWER,
    /** 486 Busy Here or 600 Busy Everywhere. */
    BUSY,
    /** 603 Decline. */
    DECLINED,
    /** The trunk challenged our credentials twice (or we have none for it, or it was not the trunk asking). */
    AUTH,
    /** Answered, but the callee did not press 1 (another key, or silence through every prompt). */
    NOT_CONFIRMED,
    /** Another final 3xx-6xx from the trunk ({@link DialOut#sipStatus()} says which). */
    REJECTED,
    /** Every host of the trunk timed out or answered 5xx. */
    UNREACHABLE,
    /** The answer SDP was unusable, or no media port was free. */
    MEDIA,
    /** Hung up through {@link DialOut#hangup()} before the callee joined. */
    CANCELLED,
    /** The gateway shut down. */
    SHUTDOWN,
    /** The meeting was locked or full when the callee pressed 1. */
    MEETING_UNAVAILABLE,
    /** A request could not be built or sent. */
    ERROR
}
