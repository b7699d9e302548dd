package org.voxgate.srtp.internal.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * GHASH of NIST SP 800-38D section 6.4 with Shoup's 8-bit tables: 256 precomputed multiples of
 * H (4 KiB per key) and a 256-entry reduction table, so one 16-byte block costs 16 table steps.
 * Field elements are two longs, big-endian, in GCM's reflected bit order (bit 0 is the top
 * bit of byte 0). No allocation after construction. Not thread-safe.
 */
final class Ghash {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** x^8 reduction of each byte that falls off the low end, XORed into the top of the high word. */
    private static final long[] REDUCE = new long[256];

    static {
        for (int r = 0; r < 256; r++) {
            long hi = 0;
            long lo = r;
            for (int i = 0; i < 8; i++) {
                boolean carry = (lo & 1) != 0;
                lo = (lo >>> 1) | (hi << 63);
                hi >>>= 1;
                if (carry) {
                    hi ^= 0xE100_0000_0000_0000L;
                }
            }
            REDUCE[r] = hi;
        }
    }

    private final long[] mh = new long[256];
    private final long[] ml = new long[256];
    private long yh;
    private long yl;
    private final byte[] partial = new byte[16];

    /** @param h the hash subkey E(K, 0^128), 16 bytes */
    Ghash(byte[] h) {
        long hh = (long) LONG_BE.get(h, 0);
        long hl = (long) LONG_BE.get(h, 8);
        // M[0x80] = H; M[0x80 >> k] = H * x^k; M[a ^ b] = M[a] ^ M[b].
        for (int bit = 0x80; bit > 0; bit >>>= 1) {
            mh[bit] = hh;
            ml[bit] = hl;
            boolean carry = (hl & 1) != 0;
            hl = (hl >>> 1) | (hh << 63);
            hh >>>= 1;
            if (carry) {
                hh ^= 0xE100_0000_0000_0000L;
            }
        }
        for (int i = 2; i < 256; i <<= 1) {
            for (int j = 1; j < i; j++) {
                mh[i + j] = mh[i] ^ mh[j];
                ml[i + j] = ml[i] ^ ml[j];
            }
        }
    }

    void reset() {
        yh = 0;
        yl = 0;
    }

    /** Hashes {@code b[off..off+len)} followed by zero padding to a whole block. */
    void updatePadded(byte[] b, int off, int len) {
        int end = off + len;
        while (off + 16 <= end) {
            block((long) LONG_BE.get(b, off), (long) LONG_BE.get(b, off + 8));
            off += 16;
        }
        if (off < end) {
            Arrays.fill(partial, (byte) 0);
            System.arraycopy(b, off, partial, 0, end - off);
            block((long) LONG_BE.get(partial, 0), (long) LONG_BE.get(partial, 8));
        }
    }

    /** Hashes the final length block and writes GHASH to {@code out[off..off+16)}. */
    void finish(long aadBytes, long textBytes, byte[] out, int off) {
        block(aadBytes << 3, textBytes << 3);
        LONG_BE.set(out, off, yh);
        LONG_BE.set(out, off + 8, yl);
    }

    private void block(long xh, long xl) {
        xh ^= yh;
        xl ^= yl;
        final long[] mh = this.mh;
        final long[] ml = this.ml;
        // Horner over bytes 15..0: Z = Z * x^8 + M[X[i]].
        int b = (int) xl & 0xFF;
        long zh = mh[b];
        long zl = ml[b];
        for (int shift = 8; shift < 64; shift += 8) {
            int rem = (int) zl & 0xFF;
            zl = (zl >>> 8) | (zh << 56);
            zh = (zh >>> 8) ^ REDUCE[rem];
            b = (int) (xl >>> shift) & 0xFF;
            zh ^= mh[b];
            zl ^= ml[b];
        }
        for (int shift = 0; shift < 64; shift += 8) {
            int rem = (int) zl & 0xFF;
            zl = (zl >>> 8) | (zh << 56);
            zh = (zh >>> 8) ^ REDUCE[rem];
            b = (int) (xh >>> shift) & 0xFF;
            zh ^= mh[b];
            zl ^= ml[b];
        }
        yh = zh;
        yl = zl;
    }

    void wipe() {
        Arrays.fill(mh, 0L);
        Arrays.fill(ml, 0L);
        Arrays.fill(partial, (byte) 0);
        yh = 0;
        yl = 0;
    }
}
