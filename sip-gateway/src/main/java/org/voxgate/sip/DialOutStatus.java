package org.voxgate.sip;

/**
 * Where a dial-out stands. Moves forward only:
 *
 * <pre>
 *  DIALING ─1xx─► RINGING ─183+SDP─► EARLY_MEDIA ─200─► ANSWERED_AWAITING_CONFIRM ─"1"─► JOINED ─BYE─► ENDED
 *     └──────────────┴──────────────────┴─────────────────────────┴─(see DialOutFailure)─► FAILED
 * </pre>
 */
public enum DialOutStatus {
    /** The INVITE is out (to the first host, or a later one after failover); nothing heard yet. */
    DIALING,
    /** 100/180: the trunk or the callee answered provisionally. */
    RINGING,
    /** 183 with SDP: the callee's early audio reaches our leg (not the meeting). */
    EARLY_MEDIA,
    /** 200 and ACK: the callee hears "press 1 to join". */
    ANSWERED_AWAITING_CONFIRM,
    /** The callee pressed 1 and is in the meeting. */
    JOINED,
    /** Never joined; {@link DialOut#failure()} says why. Final. */
    FAILED,
    /** Joined, then ended (BYE either way, session or media timeout, shutdown). Final. */
    ENDED;

    /** FAILED or ENDED. */
    public boolean isFinal() {
        return this == FAILED || this == ENDED;
    }
}
