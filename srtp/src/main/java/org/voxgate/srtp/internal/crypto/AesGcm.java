package org.voxgate.srtp.internal.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;

/**
 * AES-GCM with a 96-bit IV and a 16-byte tag (NIST SP 800-38D, RFC 7714 section 7), built from
 * a reused JCA {@code AES/ECB/NoPadding} cipher (AES-NI) for the counter blocks and
 * {@link Ghash} for authentication, because the JCA's GCM allocates a new engine on every
 * {@code init}. No allocation per packet once the scratch arrays have grown to the largest packet.
 * Not thread-safe.
 *
 * <pre>
 *   H = E(K, 0^128)   J0 = IV || 0^31 || 1   C = P XOR E(K, inc32(J0)) E(K, inc32^2(J0)) ...
 *   T = E(K, J0) XOR GHASH(H, A, C)
 * </pre>
 */
public final class AesGcm implements AutoCloseable {
    public static final int TAG_LENGTH = 16;

    private final Cipher ecb;
    private final Ghash ghash;
    private byte[] counters = new byte[2048];
    private byte[] keystream = new byte[2048];
    private final byte[] tag = new byte[16];

    /**
     * @param key  16 or 32 bytes
     * @param fast when the JDK's GHASH is unavailable ({@link #jdkGhashAvailable()}): GHASH with
     *             32 KiB of tables per key (for SRTP) instead of 4 KiB at about half the speed
     *             (for SRTCP)
     */
    public AesGcm(byte[] key, boolean fast) {
        this(key, Ghash.Mode.best(fast));
    }

    /** With a chosen GHASH implementation (tests); {@link Ghash.Mode#JDK} only when available. */
    AesGcm(byte[] key, Ghash.Mode mode) {
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            WipeableKey k = new WipeableKey(key);
            ecb.init(Cipher.ENCRYPT_MODE, k);
            k.destroy();
            byte[] h = ecb.doFinal(new byte[16]);
            ghash = new Ghash(h, mode);
            Arrays.fill(h, (byte) 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB unavailable", e);
        }
    }

    /** Whether GHASH runs on the JDK's carry-less multiplication ({@link JdkGhash}). */
    public static boolean jdkGhashAvailable() {
        return JdkGhash.available();
    }

    /** E(K, J0), E(K, J0+1), ... for {@code len} bytes of data, into keystream[0 .. 16 + len). */
    private void keystream(byte[] iv, int len) {
        int blocks = 1 + ((len + 15) >>> 4);
        int bytes = blocks << 4;
        if (bytes > counters.length) {
            counters = new byte[bytes];
            keystream = new byte[bytes];
        }
        byte[] ctr = counters;
        long hi = (long) Bytes.LONG_BE.get(iv, 0);
        long mid = (long) (int) Bytes.INT_BE.get(iv, 8) << 32;
        for (int b = 0; b < blocks; b++) {
            Bytes.LONG_BE.set(ctr, b << 4, hi);
            Bytes.LONG_BE.set(ctr, (b << 4) + 8, mid | (b + 1));
        }
        try {
            ecb.update(ctr, 0, bytes, keystream, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private void computeTag(byte[] aad, int aadOff, int aadLen, byte[] text, int textOff, int textLen) {
        ghash.reset();
        ghash.updatePadded(aad, aadOff, aadLen);
        ghash.updatePadded(text, textOff, textLen);
        ghash.finish(aadLen, textLen, tag, 0);
        Bytes.xor(keystream, 0, tag, 0, 16);
    }

    /**
     * Encrypts {@code buf[off..off+len)} in place and writes the 16-byte tag right after it.
     *
     * @param iv 12 bytes
     */
    public void seal(byte[] iv, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len) {
        keystream(iv, len);
        Bytes.xor(keystream, 16, buf, off, len);
        computeTag(aad, aadOff, aadLen, buf, off, len);
        System.arraycopy(tag, 0, buf, off + len, 16);
    }

    /**
     * Verifies and decrypts {@code buf[off..off+len)} (ciphertext then 16-byte tag) in place.
     *
     * @return false if the tag does not verify; the buffer is then unchanged
     */
    public boolean open(byte[] iv, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len) {
        int textLen = len - 16;
        if (textLen < 0) {
            return false;
        }
        keystream(iv, textLen);
        computeTag(aad, aadOff, aadLen, buf, off, textLen);
        if (!ConstantTime.equals(tag, 0, buf, off + textLen, 16)) {
            return false;
        }
        Bytes.xor(keystream, 16, buf, off, textLen);
        return true;
    }

    @Override
    public void close() {
        ghash.wipe();
        Arrays.fill(counters, (byte) 0);
        Arrays.fill(keystream, (byte) 0);
        Arrays.fill(tag, (byte) 0);
        try {
            ecb.init(Cipher.ENCRYPT_MODE, new WipeableKey(new byte[16]));
        } catch (GeneralSecurityException ignored) {
            // best effort
        }
    }
}
