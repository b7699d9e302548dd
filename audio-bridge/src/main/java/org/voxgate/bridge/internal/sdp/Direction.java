package org.voxgate.bridge.internal.sdp;

/** Media direction attribute (RFC 4566 section 6, RFC 3264 section 6.1), from one side's view. */
public enum Direction {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** The direction the other side answers with (RFC 3264 section 6.1). */
    public Direction mirror() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    public String attribute() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The direction named by an attribute, or null when {@code name} is not one. */
    public static Direction fromAttribute(String name) {
        return switch (name) {
            case "sendrecv" -> SENDRECV;
            case "sendonly" -> SENDONLY;
            case "recvonly" -> RECVONLY;
            case "inactive" -> INACTIVE;
            default -> null;
        };
    }
}
