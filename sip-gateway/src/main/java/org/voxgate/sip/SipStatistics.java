package org.voxgate.sip;

import java.util.Map;

/**
 * Counters of the gateway since it started, for metrics ({@link SipGateway#statistics()}).
 * Thread-safe; every read is a fresh copy, not atomic across maps.
 */
public interface SipStatistics {

    /** Method label for request methods outside {@link #METHODS} (keeps label values bounded). */
    String OTHER_METHOD = "OTHER";

    /** Request methods counted under their own name; anything else is {@link #OTHER_METHOD}. */
    java.util.Set<String> METHODS = java.util.Set.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "INFO", "UPDATE",
            "PRACK", "REGISTER", "SUBSCRIBE", "NOTIFY", "REFER", "MESSAGE", "PUBLISH");

    /** IVR outcome: the caller joined a meeting. The others are the IVR's end reasons. */
    String IVR_JOINED = "JOINED";

    /** A request method (as bucketed by {@link #METHODS}) with a response status code. */
    record MethodStatus(String method, int status) {}

    /** Requests received, by method (retransmissions the stack absorbs are not counted). */
    Map<String, Long> requestsReceived();

    /** Responses we built and sent, by the request's method and our status (provisional included). */
    Map<MethodStatus, Long> responsesSent();

    /** Responses received to our requests (BYE, refreshes), by method and status. */
    Map<MethodStatus, Long> responsesReceived();

    /** New INVITEs that started a call (also those then rejected). */
    long callsStarted();

    /** Calls that ended, by cause; every cause present, 0 included. */
    Map<EndCause, Long> callsEnded();

    /**
     * IVR outcomes: {@link #IVR_JOINED}, {@code TOO_MANY_ATTEMPTS}, {@code NO_INPUT},
     * {@code LOCKED_OUT}, {@code MEETING_FULL}; every outcome present, 0 included.
     */
    Map<String, Long> ivrOutcomes();

    /** Refusals written to the security log, by reason; every reason present, 0 included. */
    Map<SecurityReason, Long> securityRejections();
}
