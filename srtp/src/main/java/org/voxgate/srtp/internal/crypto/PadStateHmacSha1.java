package org.voxgate.srtp.internal.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA1 with the inner and outer pad states precomputed (RFC 2104 section 4, "implementation
 * note"), over the JDK's SHA-1 compression function ({@link JdkSha1}).
 *
 * <pre>
 * inner = SHA-1 state after K^ipad (saved)  -> message blocks -> last block(s) with 0x80, bit length
 * outer = SHA-1 state after K^opad (saved)  -> one block: | inner digest (20) | 0x80 | 0.. | 672 |
 * </pre>
 * The padding and the block buffering are done here (FIPS 180-4 section 5.1.1); the bit length
 * counts the 64 bytes of the pad block. For a 176-byte SRTP authenticated portion (12-byte header,
 * 160-byte payload, ROC) that is three inner compressions and one outer, against six with the
 * pads hashed every time.
 */
final class PadStateHmacSha1 extends HmacSha1 {
    /** Bit length of the outer message: the opad block and the 20-byte inner digest. */
    private static final int OUTER_BITS = (BLOCK + LENGTH) * 8;

    private final JdkSha1 sha = new JdkSha1();
    private final int[] state = sha.state();
    private final int[] innerStart = new int[5];
    private final int[] outerStart = new int[5];
    /** Partial block of the inner message. */
    private final byte[] buffer = new byte[BLOCK];
    /** The outer hash's single block; bytes 20..63 (padding and length) are constant. */
    private final byte[] outerBlock = new byte[BLOCK];
    private final byte[] word = new byte[4];
    private int buffered;
    private long messageBytes;

    PadStateHmacSha1(byte[] key) {
        byte[] k = key;
        if (key.length > BLOCK) {
            try {
                k = MessageDigest.getInstance("SHA-1").digest(key);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 unavailable", e);
            }
        }
        int[] initial = state.clone();
        byte[] pad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            pad[i] = (byte) ((i < k.length ? k[i] : 0) ^ 0x36);
        }
        sha.compress(pad, 0);
        System.arraycopy(state, 0, innerStart, 0, 5);
        for (int i = 0; i < BLOCK; i++) {
            pad[i] ^= 0x36 ^ 0x5c;
        }
        System.arraycopy(initial, 0, state, 0, 5);
        sha.compress(pad, 0);
        System.arraycopy(state, 0, outerStart, 0, 5);
        Arrays.fill(pad, (byte) 0);
        Arrays.fill(state, 0);
        if (k != key) {
            Arrays.fill(k, (byte) 0);
        }
        outerBlock[LENGTH] = (byte) 0x80;
        outerBlock[BLOCK - 2] = (byte) (OUTER_BITS >>> 8);
        outerBlock[BLOCK - 1] = (byte) OUTER_BITS;
    }

    @Override
    public void start() {
        System.arraycopy(innerStart, 0, state, 0, 5);
        buffered = 0;
        messageBytes = BLOCK;
    }

    @Override
    public void update(byte[] b, int off, int len) {
        messageBytes += len;
        if (buffered != 0) {
            int n = Math.min(len, BLOCK - buffered);
            System.arraycopy(b, off, buffer, buffered, n);
            buffered += n;
            off += n;
            len -= n;
            if (buffered < BLOCK) {
                return;
            }
            sha.compress(buffer, 0);
            buffered = 0;
        }
        int blocks = len >>> 6;
        if (blocks != 0) {
            sha.compressBlocks(b, off, blocks);
            off += blocks << 6;
            len -= blocks << 6;
        }
        if (len != 0) {
            System.arraycopy(b, off, buffer, 0, len);
            buffered = len;
        }
    }

    @Override
    public void updateInt(int v) {
        if (buffered <= BLOCK - 4) {
            Bytes.INT_BE.set(buffer, buffered, v);
            buffered += 4;
            messageBytes += 4;
            if (buffered == BLOCK) {
                sha.compress(buffer, 0);
                buffered = 0;
            }
        } else {
            Bytes.INT_BE.set(word, 0, v);
            update(word, 0, 4);
        }
    }

    @Override
    public void finish(byte[] out, int off) {
        // Inner: 0x80, zeros, 64-bit big-endian bit length (FIPS 180-4 section 5.1.1).
        int n = buffered;
        buffer[n++] = (byte) 0x80;
        if (n > BLOCK - 8) {
            Arrays.fill(buffer, n, BLOCK, (byte) 0);
            sha.compress(buffer, 0);
            n = 0;
        }
        Arrays.fill(buffer, n, BLOCK - 8, (byte) 0);
        Bytes.LONG_BE.set(buffer, BLOCK - 8, messageBytes << 3);
        sha.compress(buffer, 0);
        putState(outerBlock, 0);
        // Outer: one block from the saved opad state.
        System.arraycopy(outerStart, 0, state, 0, 5);
        sha.compress(outerBlock, 0);
        putState(out, off);
        buffered = 0;
    }

    private void putState(byte[] b, int off) {
        Bytes.INT_BE.set(b, off, state[0]);
        Bytes.INT_BE.set(b, off + 4, state[1]);
        Bytes.INT_BE.set(b, off + 8, state[2]);
        Bytes.INT_BE.set(b, off + 12, state[3]);
        Bytes.INT_BE.set(b, off + 16, state[4]);
    }

    @Override
    public void close() {
        Arrays.fill(innerStart, 0);
        Arrays.fill(outerStart, 0);
        Arrays.fill(state, 0);
        Arrays.fill(buffer, (byte) 0);
        Arrays.fill(outerBlock, 0, LENGTH, (byte) 0);
        Arrays.fill(word, (byte) 0);
        buffered = 0;
    }
}
