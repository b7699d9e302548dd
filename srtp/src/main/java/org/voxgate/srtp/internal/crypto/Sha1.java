package org.voxgate.srtp.internal.crypto;

/**
 * SHA-1 (FIPS 180-4 section 6.1) with a state that can be saved and restored, so HMAC can start
 * from precomputed inner and outer pad states instead of re-hashing the key pads per packet.
 * No allocation after construction. Not thread-safe.
 */
final class Sha1 {
    static final int BLOCK = 64;
    static final int DIGEST = 20;

    private int h0, h1, h2, h3, h4;
    private final byte[] block = new byte[BLOCK];
    private int blockLen;
    private long byteCount;

    void reset() {
        h0 = 0x67452301;
        h1 = 0xEFCDAB89;
        h2 = 0x98BADCFE;
        h3 = 0x10325476;
        h4 = 0xC3D2E1F0;
        blockLen = 0;
        byteCount = 0;
    }

    /** Copies the chaining state into {@code out[0..5)}; only valid on a block boundary. */
    void saveState(int[] out) {
        if (blockLen != 0) {
            throw new IllegalStateException("not on a block boundary");
        }
        out[0] = h0; out[1] = h1; out[2] = h2; out[3] = h3; out[4] = h4;
    }

    /** Restores a state saved after {@code bytes} bytes (a multiple of 64) were hashed. */
    void restoreState(int[] in, long bytes) {
        h0 = in[0]; h1 = in[1]; h2 = in[2]; h3 = in[3]; h4 = in[4];
        blockLen = 0;
        byteCount = bytes;
    }

    void update(byte[] b, int off, int len) {
        byteCount += len;
        if (blockLen > 0) {
            int n = Math.min(BLOCK - blockLen, len);
            System.arraycopy(b, off, block, blockLen, n);
            blockLen += n;
            off += n;
            len -= n;
            if (blockLen < BLOCK) {
                return;
            }
            compress(block, 0);
            blockLen = 0;
        }
        while (len >= BLOCK) {
            compress(b, off);
            off += BLOCK;
            len -= BLOCK;
        }
        if (len > 0) {
            System.arraycopy(b, off, block, 0, len);
            blockLen = len;
        }
    }

    void updateInt(int v) {
        if (blockLen <= BLOCK - 4) {
            block[blockLen] = (byte) (v >>> 24);
            block[blockLen + 1] = (byte) (v >>> 16);
            block[blockLen + 2] = (byte) (v >>> 8);
            block[blockLen + 3] = (byte) v;
            blockLen += 4;
            byteCount += 4;
            if (blockLen == BLOCK) {
                compress(block, 0);
                blockLen = 0;
            }
            return;
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            updateByte((byte) (v >>> shift));
        }
    }

    private void updateByte(byte v) {
        block[blockLen++] = v;
        byteCount++;
        if (blockLen == BLOCK) {
            compress(block, 0);
            blockLen = 0;
        }
    }

    /** Pads, finishes and writes the 20-byte digest to {@code out[off..off+20)}. */
    void finish(byte[] out, int off) {
        long bits = byteCount << 3;
        block[blockLen++] = (byte) 0x80;
        if (blockLen > BLOCK - 8) {
            while (blockLen < BLOCK) {
                block[blockLen++] = 0;
            }
            compress(block, 0);
            blockLen = 0;
        }
        while (blockLen < BLOCK - 8) {
            block[blockLen++] = 0;
        }
        for (int i = 0; i < 8; i++) {
            block[BLOCK - 8 + i] = (byte) (bits >>> (56 - 8 * i));
        }
        compress(block, 0);
        blockLen = 0;
        putInt(out, off, h0);
        putInt(out, off + 4, h1);
        putInt(out, off + 8, h2);
        putInt(out, off + 12, h3);
        putInt(out, off + 16, h4);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private final int[] w = new int[16];

    private void compress(byte[] b, int off) {
        final int[] w = this.w;
        for (int i = 0; i < 16; i++) {
            int p = off + 4 * i;
            w[i] = (b[p] << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
        }
        int a = h0, bb = h1, c = h2, d = h3, e = h4;
        for (int t = 0; t < 80; t++) {
            int wt;
            if (t < 16) {
                wt = w[t];
            } else {
                int x = w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[t & 15];
                wt = Integer.rotateLeft(x, 1);
                w[t & 15] = wt;
            }
            int f;
            int k;
            if (t < 20) {
                f = (bb & c) | (~bb & d);
                k = 0x5A827999;
            } else if (t < 40) {
                f = bb ^ c ^ d;
                k = 0x6ED9EBA1;
            } else if (t < 60) {
                f = (bb & c) | (bb & d) | (c & d);
                k = 0x8F1BBCDC;
            } else {
                f = bb ^ c ^ d;
                k = 0xCA62C1D6;
            }
            int temp = Integer.rotateLeft(a, 5) + f + e + k + wt;
            e = d;
            d = c;
            c = Integer.rotateLeft(bb, 30);
            bb = a;
            a = temp;
        }
        h0 += a;
        h1 += bb;
        h2 += c;
        h3 += d;
        h4 += e;
    }

    /** Zeros the state and buffers. */
    void wipe() {
        h0 = h1 = h2 = h3 = h4 = 0;
        java.util.Arrays.fill(block, (byte) 0);
        java.util.Arrays.fill(w, 0);
        blockLen = 0;
        byteCount = 0;
    }
}
