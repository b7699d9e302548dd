package org.voxgate.sip;

import java.util.Objects;

/**
 * {@link SipGateway#dialOut(DialOutRequest)} refused the request at once: no packet was sent.
 */
public final class DialOutRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the dial-out was refused. */
    public enum Reason {
        /** No trunk with this id. */
        UNKNOWN_TRUNK,
        /** The trunk is disabled. */
        TRUNK_DISABLED,
        /** The trunk takes inbound calls only. */
        TRUNK_INBOUND_ONLY,
        /** The number is not E.164 ("+" then 2 to 15 digits, the first not 0). */
        INVALID_NUMBER,
        /** None of the trunk's dial-out prefixes matches the number (an empty list allows nothing). */
        DESTINATION_NOT_ALLOWED,
        /** Keypad dial-out: no enabled outbound trunk of the meeting's account allows the number. */
        NO_TRUNK_FOR_ACCOUNT,
        /** The trunk's transport has no listening point here (TLS without a TLS port). */
        TRANSPORT_UNAVAILABLE,
        /** The gateway is at maxCalls, or the trunk at its channel limit. */
        AT_CAPACITY,
        /** The gateway is not started or is shutting down. */
        NOT_RUNNING
    }

    private final Reason reason;

    public DialOutRefusedException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
