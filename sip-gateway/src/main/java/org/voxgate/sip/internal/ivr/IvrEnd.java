package org.voxgate.sip.internal.ivr;

/** Why the IVR gave up on a caller. */
public enum IvrEnd {
    TOO_MANY_ATTEMPTS,
    NO_INPUT,
    LOCKED_OUT,
    MEETING_FULL
}
