package org.voxgate.sip.internal.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The digest algorithms of RFC 8760 (SIP) / RFC 7616 (HTTP): MD5 (the RFC 3261 default when a
 * challenge names none), SHA-256 and SHA-512-256. The "-sess" variants are not supported (SIP
 * carriers do not use them; RFC 8760 section 2.4 lets a UA ignore them).
 */
public enum DigestAlgorithm {
    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256"),
    SHA_512_256("SHA-512-256", "SHA-512/256");

    private final String wire;
    private final String jca;

    DigestAlgorithm(String wire, String jca) {
        this.wire = wire;
        this.jca = jca;
    }

    /** The token in the algorithm parameter. */
    public String wire() {
        return wire;
    }

    /** The algorithm of an algorithm= token (case-insensitive); empty for unknown or -sess tokens. */
    public static Optional<DigestAlgorithm> fromWire(String token) {
        if (token == null) {
            return Optional.of(MD5); // RFC 3261 section 22.4: absent means MD5
        }
        String t = token.trim().toUpperCase(Locale.ROOT);
        for (DigestAlgorithm a : values()) {
            if (a.wire.equals(t)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Lower-case hex of the hash of {@code text} (UTF-8). */
    public String hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance(jca);
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jca + " missing from the JDK", e);
        }
    }
}
