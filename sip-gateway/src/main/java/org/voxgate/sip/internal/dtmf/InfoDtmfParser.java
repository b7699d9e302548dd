package org.voxgate.sip.internal.dtmf;

import java.util.Locale;

/**
 * Parses INFO bodies that carry one DTMF digit.
 *
 * <pre>
 * application/dtmf-relay:        application/dtmf:
 *   Signal=5\r\n                   5
 *   Duration=160\r\n
 * </pre>
 *
 * Signal may be 0-9, *, #, A-D (lower case accepted) or the numeric event codes 10 (*) and
 * 11 (#) some phones send. Duration is in milliseconds; absent or unparsable means 160.
 */
public final class InfoDtmfParser {
    /** Duration assumed when the body names none. */
    public static final int DEFAULT_DURATION_MS = 160;
    private static final int MAX_BODY_CHARS = 256;

    /** A parsed digit and duration. */
    public record InfoDigit(char digit, int durationMs) {
    }

    private InfoDtmfParser() {
    }

    /**
     * @param contentSubtype "dtmf-relay" or "dtmf" (case-insensitive)
     * @param body           the INFO body as text
     * @return the digit, or null when the body carries no valid digit
     */
    public static InfoDigit parse(String contentSubtype, String body) {
        if (body == null || body.length() > MAX_BODY_CHARS) {
            return null;
        }
        String subtype = contentSubtype.toLowerCase(Locale.ROOT);
        if (subtype.equals("dtmf")) {
            Character d = digit(body.trim());
            return d == null ? null : new InfoDigit(d, DEFAULT_DURATION_MS);
        }
        if (!subtype.equals("dtmf-relay")) {
            return null;
        }
        Character digit = null;
        int duration = DEFAULT_DURATION_MS;
        for (String line : body.split("\r\n|\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = line.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).trim();
            if (name.equals("signal")) {
                digit = digit(value);
            } else if (name.equals("duration")) {
                duration = parseDuration(value);
            }
        }
        return digit == null ? null : new InfoDigit(digit, duration);
    }

    private static int parseDuration(String value) {
        if (value.isEmpty() || value.length() > 6 || !value.chars().allMatch(Character::isDigit)) {
            return DEFAULT_DURATION_MS;
        }
        return Integer.parseInt(value);
    }

    private static Character digit(String value) {
        if (value.equals("10")) {
            return '*';
        }
        if (value.equals("11")) {
            return '#';
        }
        if (value.length() != 1) {
            return null;
        }
        char c = Character.toUpperCase(value.charAt(0));
        return "0123456789*#ABCD".indexOf(c) >= 0 ? c : null;
    }
}
