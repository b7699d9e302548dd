package org.voxgate.bridge.api;

/** The bridge could not open a leg. Signalling maps it to 503 Service Unavailable. */
public final class BridgeException extends Exception {

    public enum Reason { NO_PORTS, CLOSED, IO }

    private final Reason reason;

    public BridgeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
