package org.voxgate.sip.internal.sessiontimer;

/** RFC 4028 section 4: who sends the session refresh requests. */
public enum Refresher {
    UAC("uac"),
    UAS("uas");

    private final String token;

    Refresher(String token) {
        this.token = token;
    }

    /** The value of the {@code refresher} parameter. */
    public String token() {
        return token;
    }

    /** Parses a refresher parameter; null for null or anything else. */
    public static Refresher parse(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "uac" -> UAC;
            case "uas" -> UAS;
            default -> null;
        };
    }
}
