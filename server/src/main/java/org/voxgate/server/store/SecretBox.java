package org.voxgate.server.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets (trunk passwords, meeting PINs) for storage with AES-256-GCM (NIST SP 800-38D)
 * under the master key.
 *
 * <pre>
 *  sealed text = "v1:" base64( nonce (12 bytes) | ciphertext | tag (16 bytes) )
 * </pre>
 *
 * A fresh random 96-bit nonce per seal; the context (for example {@code trunks.register_password})
 * is bound as additional authenticated data, so a sealed value copied into another column
 * does not open. Thread-safe: a Cipher is made per call.
 */
public final class SecretBox {

    /** Master key length in bytes (AES-256). */
    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String PREFIX = "v1:";

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param masterKey exactly {@link #KEY_BYTES} bytes; copied */
    public SecretBox(byte[] masterKey) {
        Objects.requireNonNull(masterKey, "masterKey");
        if (masterKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("master key must be " + KEY_BYTES + " bytes, was " + masterKey.length);
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
    }

    /** Seals {@code plaintext}; null stays null. */
    public String seal(String plaintext, String context) {
        if (plaintext == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] pt = plaintext.getBytes(StandardCharsets.UTF_8);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(pt);
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + ct.length).put(nonce).put(ct);
            return PREFIX + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        } finally {
            Arrays.fill(pt, (byte) 0);
        }
    }

    /**
     * Opens a value made by {@link #seal} with the same context; null stays null.
     *
     * @throws SecretException when the value was altered, sealed under another key or
     *                         another context, or is not a sealed value
     */
    public String open(String sealed, String context) {
        if (sealed == null) {
            return null;
        }
        if (!sealed.startsWith(PREFIX)) {
            throw new SecretException("not a sealed value (" + context + ")");
        }
        byte[] all;
        try {
            all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SecretException("sealed value is not base64 (" + context + ")");
        }
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretException("sealed value too short (" + context + ")");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] pt = c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
            String s = new String(pt, StandardCharsets.UTF_8);
            Arrays.fill(pt, (byte) 0);
            return s;
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SecretException("sealed value does not authenticate under this master key (" + context + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** A sealed value that cannot be opened. Its message never holds secret material. */
    public static final class SecretException extends RuntimeException {
        public SecretException(String message) {
            super(message);
        }
    }
}
