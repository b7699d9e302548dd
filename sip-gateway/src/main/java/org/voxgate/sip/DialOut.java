package org.voxgate.sip;

/**
 * One outbound call placed by {@link SipGateway#dialOut(DialOutRequest)}. Thread-safe; the
 * status moves on gateway threads and is read from anywhere.
 */
public interface DialOut {

    /** Gateway-unique id (URL-safe), for status look-ups ({@link SipGateway#findDialOut(String)}). */
    String id();

    /** The SIP Call-ID of the outbound INVITE (the same for every host tried). */
    String callId();

    DialOutRequest request();

    DialOutStatus status();

    /** Why it failed, or null unless {@link #status()} is FAILED. */
    DialOutFailure failure();

    /** The last final status the trunk sent to our INVITE, or 0 when none came. */
    int sipStatus();

    /** Ends the call: CANCEL while ringing, BYE once answered. No-op when already final. */
    void hangup();
}
