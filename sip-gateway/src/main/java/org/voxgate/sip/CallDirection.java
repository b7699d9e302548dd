package org.voxgate.sip;

/** Which way a call went, for CDRs. */
public enum CallDirection {
    /** Dial-in: the caller called us. */
    INBOUND,
    /** Dial-out: we called the callee through a trunk. */
    OUTBOUND
}
