package org.voxgate.srtp.internal.crypto;

import java.util.Arrays;

/**
 * HMAC-SHA1 (RFC 2104) with the inner and outer pad states hashed once at key time, so each
 * message costs only its own compressions: for a 172-byte RTP packet plus ROC, four instead of
 * the six the JDK's {@code Mac} spends. No allocation per message. Not thread-safe.
 *
 * <p>Use: {@link #start()}, {@link #update} / {@link #updateInt}, {@link #finish}.
 */
public final class HmacSha1 implements AutoCloseable {
    public static final int LENGTH = Sha1.DIGEST;

    private final Sha1 sha = new Sha1();
    private final int[] innerState = new int[5];
    private final int[] outerState = new int[5];
    private final byte[] innerDigest = new byte[Sha1.DIGEST];

    /** @param key the authentication key (any length; SRTP uses 20 bytes) */
    public HmacSha1(byte[] key) {
        byte[] k = new byte[Sha1.BLOCK];
        if (key.length > Sha1.BLOCK) {
            sha.reset();
            sha.update(key, 0, key.length);
            sha.finish(k, 0);
        } else {
            System.arraycopy(key, 0, k, 0, key.length);
        }
        byte[] pad = new byte[Sha1.BLOCK];
        for (int i = 0; i < Sha1.BLOCK; i++) {
            pad[i] = (byte) (k[i] ^ 0x36);
        }
        sha.reset();
        sha.update(pad, 0, Sha1.BLOCK);
        sha.saveState(innerState);
        for (int i = 0; i < Sha1.BLOCK; i++) {
            pad[i] = (byte) (k[i] ^ 0x5c);
        }
        sha.reset();
        sha.update(pad, 0, Sha1.BLOCK);
        sha.saveState(outerState);
        Arrays.fill(k, (byte) 0);
        Arrays.fill(pad, (byte) 0);
        sha.reset();
    }

    public void start() {
        sha.restoreState(innerState, Sha1.BLOCK);
    }

    public void update(byte[] b, int off, int len) {
        sha.update(b, off, len);
    }

    /** Hashes {@code v} as four big-endian bytes (the ROC of RFC 3711 section 4.2). */
    public void updateInt(int v) {
        sha.updateInt(v);
    }

    /** Writes the 20-byte MAC to {@code out[off..off+20)}. */
    public void finish(byte[] out, int off) {
        sha.finish(innerDigest, 0);
        sha.restoreState(outerState, Sha1.BLOCK);
        sha.update(innerDigest, 0, Sha1.DIGEST);
        sha.finish(out, off);
    }

    @Override
    public void close() {
        Arrays.fill(innerState, 0);
        Arrays.fill(outerState, 0);
        Arrays.fill(innerDigest, (byte) 0);
        sha.wipe();
    }
}
