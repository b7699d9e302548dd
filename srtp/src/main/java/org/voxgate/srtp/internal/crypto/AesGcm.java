package org.voxgate.srtp.internal.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with a 16-byte tag (RFC 7714 section 7) over a reused JCA cipher. The caller builds
 * the 12-byte IV; this class only seals or opens in place. Not thread-safe.
 */
public final class AesGcm implements AutoCloseable {
    public static final int TAG_LENGTH = 16;

    private final Cipher cipher;
    private final SecretKeySpec key;

    public AesGcm(byte[] key) {
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
            this.key = new SecretKeySpec(key, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM unavailable", e);
        }
    }

    /**
     * Encrypts {@code buf[off..off+len)} in place and writes the tag right after it.
     * AAD is {@code aad[aadOff..aadOff+aadLen)} then {@code aad2[..aad2Len)} (may be 0 long).
     */
    public void seal(byte[] iv, byte[] aad, int aadOff, int aadLen, byte[] aad2, int aad2Off, int aad2Len,
                     byte[] buf, int off, int len) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            cipher.updateAAD(aad, aadOff, aadLen);
            if (aad2Len > 0) {
                cipher.updateAAD(aad2, aad2Off, aad2Len);
            }
            cipher.doFinal(buf, off, len, buf, off);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Verifies and decrypts {@code buf[off..off+len)} (ciphertext followed by the tag) in place.
     *
     * @return false if the tag does not verify (the buffer is then unchanged)
     */
    public boolean open(byte[] iv, byte[] aad, int aadOff, int aadLen, byte[] aad2, int aad2Off, int aad2Len,
                        byte[] buf, int off, int len) {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            cipher.updateAAD(aad, aadOff, aadLen);
            if (aad2Len > 0) {
                cipher.updateAAD(aad2, aad2Off, aad2Len);
            }
            cipher.doFinal(buf, off, len, buf, off);
            return true;
        } catch (AEADBadTagException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "AES"),
                    new GCMParameterSpec(128, new byte[12]));
        } catch (GeneralSecurityException ignored) {
            // best effort
        }
        try {
            key.destroy();
        } catch (javax.security.auth.DestroyFailedException ignored) {
            // SecretKeySpec cannot destroy itself on Java 17; nothing else holds it
        }
        Arrays.fill(new byte[0], (byte) 0);
    }
}
