package org.voxgate.server.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * API keys: shown once, stored as a SHA-256 hash of their random part.
 *
 * <pre>
 *  vgk_&lt;lookup id: 16 hex&gt;_&lt;secret: 43 base64url chars = 32 random bytes&gt;
 * </pre>
 *
 * The lookup id finds the row; the secret is compared by hash in constant time
 * ({@link MessageDigest#isEqual}). A 256-bit random secret needs no slow hash: it cannot be
 * guessed, so SHA-256 is enough to make a stolen table useless.
 */
public final class ApiKeys {

    private static final Pattern FORMAT = Pattern.compile("vgk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {}

    /** A freshly made key: {@code plaintext} is shown to the user once and never stored. */
    public record Issued(String lookupId, String plaintext, String secretHash) {
        @Override
        public String toString() {
            return "Issued[lookupId=" + lookupId + ", plaintext=<hidden>]";
        }
    }

    /** The two parts of a presented key. */
    public record Parsed(String lookupId, String secret) {
        @Override
        public String toString() {
            return "Parsed[lookupId=" + lookupId + ", secret=<hidden>]";
        }
    }

    public static Issued generate() {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String lookup = HexFormat.of().formatHex(id);
        String s = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(lookup, "vgk_" + lookup + "_" + s, hash(s));
    }

    /** @return the parts, or null when {@code presented} does not have the key format */
    public static Parsed parse(String presented) {
        if (presented == null) {
            return null;
        }
        var m = FORMAT.matcher(presented);
        return m.matches() ? new Parsed(m.group(1), m.group(2)) : null;
    }

    /** True when {@code presented} has the key format (used to check a configured bootstrap key). */
    public static boolean wellFormed(String presented) {
        return parse(presented) != null;
    }

    /** Hex SHA-256 of the secret part. */
    public static String hash(String secret) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of the presented secret's hash with the stored hash. */
    public static boolean matches(String secret, String storedHash) {
        byte[] a = hash(secret).getBytes(StandardCharsets.US_ASCII);
        byte[] b = storedHash.getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(a, b);
    }
}
