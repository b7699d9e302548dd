package org.voxgate.srtp.internal.crypto;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA1 (RFC 2104) over a reused JCA {@code MessageDigest}, with no allocation per message.
 *
 * <p>Why not precomputed pad states: restoring a saved SHA-1 state needs one of
 * <ul>
 * <li>{@code MessageDigest.clone()} of a digest that has hashed the pad: 416 bytes per packet
 * (the state and buffer arrays reach the SHA intrinsic, so escape analysis cannot remove them);
 * <li>reflection into {@code sun.security.provider.SHA}: refused on JDK 17 and 25 without
 * {@code --add-opens java.base/sun.security.provider=ALL-UNNAMED};
 * <li>{@code sun.misc.Unsafe} field offsets into that class: works on 17 (a prototype saved
 * ~72 ns of ~245 ns per 176-byte message), but JDK 25 prints a terminal-deprecation warning,
 * the methods are to be removed, and it depends on private field names;
 * <li>our own SHA-1 in Java: about 280 ns per 64-byte block here, against about 40 ns for the
 * JDK's, which the JIT replaces with the CPU's SHA extensions.
 * </ul>
 * None is acceptable, so the two pad blocks are hashed again (six compressions instead of four
 * for a 160-byte payload). What we avoid is {@code javax.crypto.Mac}'s per-message allocation
 * of its digest arrays. Not thread-safe.
 *
 * <p>Use: {@link #start()}, {@link #update} / {@link #updateInt}, {@link #finish}.
 */
public final class HmacSha1 implements AutoCloseable {
    public static final int LENGTH = 20;
    private static final int BLOCK = 64;

    private final MessageDigest md;
    private final byte[] ipad = new byte[BLOCK];
    /** The outer hash's whole input: opad, then the inner digest written straight behind it. */
    private final byte[] outer = new byte[BLOCK + LENGTH];
    private final byte[] word = new byte[4];
    private boolean open;

    /** @param key the authentication key (any length; SRTP uses 20 bytes) */
    public HmacSha1(byte[] key) {
        try {
            md = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
        byte[] k = key.length > BLOCK ? md.digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            outer[i] = (byte) (b ^ 0x5c);
        }
        if (k != key) {
            Arrays.fill(k, (byte) 0);
        }
    }

    public void start() {
        if (open) {
            md.reset(); // a previous message was abandoned; normally finish() has reset the digest
        }
        md.update(ipad, 0, BLOCK);
        open = true;
    }

    public void update(byte[] b, int off, int len) {
        md.update(b, off, len);
    }

    /** Hashes {@code v} as four big-endian bytes (the ROC of RFC 3711 section 4.2). */
    public void updateInt(int v) {
        word[0] = (byte) (v >>> 24);
        word[1] = (byte) (v >>> 16);
        word[2] = (byte) (v >>> 8);
        word[3] = (byte) v;
        md.update(word, 0, 4);
    }

    /** Writes the 20-byte MAC to {@code out[off..off+20)}. */
    public void finish(byte[] out, int off) {
        try {
            md.digest(outer, BLOCK, LENGTH);
            md.update(outer, 0, BLOCK + LENGTH);
            md.digest(out, off, LENGTH);
            open = false;
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        Arrays.fill(ipad, (byte) 0);
        Arrays.fill(outer, (byte) 0);
        md.reset();
    }
}
