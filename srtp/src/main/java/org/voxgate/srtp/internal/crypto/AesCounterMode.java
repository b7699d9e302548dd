package org.voxgate.srtp.internal.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;

/**
 * AES in counter mode as SRTP uses it (RFC 3711 section 4.1.1): the 128-bit counter block is the
 * 112-bit IV followed by a 16-bit block counter starting at 0. The counter blocks of a whole
 * packet are laid out in a reused array and encrypted with one call of a reused JCA
 * {@code AES/ECB/NoPadding} cipher (AES-NI intrinsics), then XORed into the data. No allocation
 * per packet once the scratch arrays have grown to the largest packet seen. Not thread-safe.
 */
public final class AesCounterMode implements AutoCloseable {
    private final Cipher ecb;
    private byte[] counters = new byte[2048];
    private byte[] keystream = new byte[2048];

    /** @param key 16, 24 or 32 bytes; copied into the JCA key object */
    public AesCounterMode(byte[] key) {
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            WipeableKey k = new WipeableKey(key);
            ecb.init(Cipher.ENCRYPT_MODE, k);
            k.destroy();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB unavailable", e);
        }
    }

    /**
     * XORs the keystream for {@code iv} into {@code data[off..off+len)}, in place.
     *
     * @param iv 16 bytes; bytes 14 and 15 are ignored and replaced by the block counter
     */
    public void xor(byte[] iv, byte[] data, int off, int len) {
        if (len <= 0) {
            return;
        }
        int blocks = (len + 15) >>> 4;
        int bytes = blocks << 4;
        if (bytes > counters.length) {
            counters = new byte[bytes];
            keystream = new byte[bytes];
        }
        byte[] ctr = counters;
        long hi = (long) Bytes.LONG_BE.get(iv, 0);
        long lo = (long) Bytes.LONG_BE.get(iv, 8) & ~0xFFFFL;
        for (int b = 0; b < blocks; b++) {
            Bytes.LONG_BE.set(ctr, b << 4, hi);
            Bytes.LONG_BE.set(ctr, (b << 4) + 8, lo | b);
        }
        try {
            ecb.update(ctr, 0, bytes, keystream, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        Bytes.xor(keystream, 0, data, off, len);
    }

    /** Writes {@code len} bytes of raw keystream for {@code iv} to {@code out[off..)}. */
    public void keystream(byte[] iv, byte[] out, int off, int len) {
        Arrays.fill(out, off, off + len, (byte) 0);
        xor(iv, out, off, len);
    }

    @Override
    public void close() {
        Arrays.fill(counters, (byte) 0);
        Arrays.fill(keystream, (byte) 0);
        // The JCA key copy inside the cipher cannot be reached; re-keying with zeros replaces it.
        try {
            ecb.init(Cipher.ENCRYPT_MODE, new WipeableKey(new byte[16]));
        } catch (GeneralSecurityException ignored) {
            // best effort
        }
    }
}
