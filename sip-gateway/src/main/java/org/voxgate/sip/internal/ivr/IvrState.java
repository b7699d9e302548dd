package org.voxgate.sip.internal.ivr;

/** States of {@link IvrMachine}. */
public enum IvrState {
    IDLE,
    COLLECT_CODE,
    COLLECT_PIN,
    IN_MEETING,
    /** A goodbye prompt plays; the call is hung up when it ends. */
    ENDING,
    ENDED
}
