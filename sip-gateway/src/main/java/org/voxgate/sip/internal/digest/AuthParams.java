package org.voxgate.sip.internal.digest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses and writes the auth-param list of a Digest challenge or credentials (RFC 3261
 * section 25.1, RFC 7616 section 3.3):
 *
 * <pre>
 *   Digest realm="voxgate", nonce="a1b2", algorithm=SHA-256, qop="auth,auth-int", stale=FALSE
 *   └─┬──┘ └──────────────── auth-param *( "," auth-param ) ─────────────────────────┘
 *   scheme  auth-param = token "=" ( token / quoted-string )   (quoted-pair "\x" allowed)
 * </pre>
 *
 * Names are case-insensitive (kept lower-case); a repeated name, a missing "=", an unterminated
 * quote or a value over {@link #MAX_VALUE} characters makes the whole list invalid.
 */
final class AuthParams {
    static final int MAX_VALUE = 1024;
    private static final int MAX_PARAMS = 32;

    private AuthParams() {}

    /** The params of a "Digest ..." value; empty when the scheme is not Digest or the list is malformed. */
    static Optional<Map<String, String>> parseDigest(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.length() < 7 || !v.regionMatches(true, 0, "Digest", 0, 6) || !Character.isWhitespace(v.charAt(6))) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        int i = 7;
        int n = v.length();
        while (true) {
            while (i < n && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
                i++;
            }
            int nameStart = i;
            while (i < n && isTokenChar(v.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                return Optional.empty();
            }
            String name = v.substring(nameStart, i).toLowerCase(Locale.ROOT);
            while (i < n && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n || v.charAt(i) != '=') {
                return Optional.empty();
            }
            i++;
            while (i < n && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
                i++;
            }
            StringBuilder value2 = new StringBuilder();
            if (i < n && v.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = v.charAt(i++);
                    if (c == '\\' && i < n) {
                        value2.append(v.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        value2.append(c);
                    }
                    if (value2.length() > MAX_VALUE) {
                        return Optional.empty();
                    }
                }
                if (!closed) {
                    return Optional.empty();
                }
            } else {
                int s = i;
                while (i < n && isTokenChar(v.charAt(i))) {
                    i++;
                }
                if (i == s || i - s > MAX_VALUE) {
                    return Optional.empty();
                }
                value2.append(v, s, i);
            }
            if (params.put(name, value2.toString()) != null || params.size() > MAX_PARAMS) {
                return Optional.empty();
            }
            while (i < n && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                return Optional.of(params);
            }
            if (v.charAt(i) != ',') {
                return Optional.empty();
            }
            i++;
        }
    }

    /** RFC 3261 token characters. */
    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-.!%*_+`'~".indexOf(c) >= 0;
    }

    /** A quoted-string with '"' and '\' escaped. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }
}
