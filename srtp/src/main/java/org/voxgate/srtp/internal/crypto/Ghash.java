package org.voxgate.srtp.internal.crypto;

import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * GHASH of NIST SP 800-38D section 6.4: the JDK's own ({@link Mode#JDK}, see {@link JdkGhash};
 * carry-less multiplication, about ten times faster) when {@code java.base/com.sun.crypto.provider}
 * is opened to us, otherwise Shoup's 8-bit tables in one of two sizes:
 * <ul>
 * <li><b>wide</b> (for SRTP, where every packet is hashed): one table of 256 multiples of H per
 * byte position of a 64-bit half, each already multiplied by the power of x of its position:
 * 8 tables, 32 KiB per key. X * H is linear in X, so it is the XOR of 16 independent lookups
 * (8 for each half of X) and one multiplication of the second half's sum by x^64 (a shift and a
 * 64-bit reduction), with no dependency between the lookups, so the CPU runs them in parallel.
 * Sixteen tables (64 KiB) would save that multiplication but do not fit the 48 KiB L1 cache
 * next to the data and measured slower.
 * <li><b>compact</b> (for SRTCP, a few packets a second): the table for position 0 only (4 KiB)
 * and a 256-entry reduction table; Horner over the 16 bytes, Z = Z * x^8 + T[0][x_i], a chain of
 * 16 dependent steps, roughly half the speed.
 * </ul>
 *
 * <p>Field elements are two longs, big-endian, in GCM's reflected bit order (bit 0 is the top
 * bit of byte 0, the coefficient of x^0). No allocation after construction. Not thread-safe.
 *
 * <pre>
 *   X = x0 x1 ... x15 (bytes)   A = T[0][x0] ^ ... ^ T[7][x7]   B = T[0][x8] ^ ... ^ T[7][x15]
 *   X * H = A ^ B * x^64        T[0][b] = b * H     T[i+1][b] = T[i][b] * x^8
 *   (mod x^128 + x^7 + x^2 + x + 1)
 *   table layout: T[i][b] high word at (i * 256 + b) * 2, low word right after it
 * </pre>
 */
final class Ghash {
    private static final VarHandle LONG_BE = Bytes.LONG_BE;
    /** x^128 = x^7 + x^2 + x + 1, reflected into the top byte of the high word. */
    private static final long R = 0xE100_0000_0000_0000L;
    private static final int POSITION_STRIDE = 512;

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
                    hi ^= R;
                }
            }
            REDUCE[r] = hi;
        }
    }

    /** How the multiplication by H is done. */
    enum Mode {
        /** {@link JdkGhash}: PCLMULQDQ through the JDK's intrinsic; no tables of ours. */
        JDK,
        /** 8 tables, 32 KiB per key, ~11 ns per block. */
        WIDE,
        /** 1 table, 4 KiB per key, about half the speed of WIDE. */
        COMPACT;

        /** JDK when available, else WIDE or COMPACT. */
        static Mode best(boolean wide) {
            return JdkGhash.available() ? JDK : wide ? WIDE : COMPACT;
        }
    }

    private final boolean wide;
    /** Non-null in {@link Mode#JDK}; then {@code table} is empty and yh/yl unused. */
    private final JdkGhash jdk;
    private final long[] table;
    private long yh;
    private long yl;
    private final byte[] partial = new byte[16];

    /**
     * @param h    the hash subkey E(K, 0^128), 16 bytes
     * @param mode {@link Mode#JDK} only when {@link JdkGhash#available()}
     */
    Ghash(byte[] h, Mode mode) {
        this.wide = mode == Mode.WIDE;
        this.jdk = mode == Mode.JDK ? new JdkGhash(h) : null;
        this.table = new long[mode == Mode.JDK ? 0 : (wide ? 8 : 1) * POSITION_STRIDE];
        if (mode != Mode.JDK) {
            fillTables(h);
        }
    }

    private void fillTables(byte[] h) {
        long[] t = table;
        long hh = (long) LONG_BE.get(h, 0);
        long hl = (long) LONG_BE.get(h, 8);
        // T[0][0x80 >> k] = H * x^k; T[0][a ^ b] = T[0][a] ^ T[0][b].
        for (int bit = 0x80; bit > 0; bit >>>= 1) {
            t[bit << 1] = hh;
            t[(bit << 1) + 1] = hl;
            boolean carry = (hl & 1) != 0;
            hl = (hl >>> 1) | (hh << 63);
            hh >>>= 1;
            if (carry) {
                hh ^= R;
            }
        }
        for (int i = 2; i < 256; i <<= 1) {
            for (int j = 1; j < i; j++) {
                t[(i + j) << 1] = t[i << 1] ^ t[j << 1];
                t[((i + j) << 1) + 1] = t[(i << 1) + 1] ^ t[(j << 1) + 1];
            }
        }
        // T[p][b] = T[p-1][b] * x^8, one bit at a time.
        for (int p = 1; p < (wide ? 8 : 1); p++) {
            for (int b = 0; b < 256; b++) {
                int from = (p - 1) * POSITION_STRIDE + (b << 1);
                long zh = t[from];
                long zl = t[from + 1];
                for (int k = 0; k < 8; k++) {
                    boolean carry = (zl & 1) != 0;
                    zl = (zl >>> 1) | (zh << 63);
                    zh >>>= 1;
                    if (carry) {
                        zh ^= R;
                    }
                }
                t[from + POSITION_STRIDE] = zh;
                t[from + POSITION_STRIDE + 1] = zl;
            }
        }
    }

    void reset() {
        yh = 0;
        yl = 0;
        if (jdk != null) {
            jdk.state[0] = 0;
            jdk.state[1] = 0;
        }
    }

    /** Writes the current Y (no length block) to {@code out[0..16)}. */
    void state(byte[] out) {
        LONG_BE.set(out, 0, jdk != null ? jdk.state[0] : yh);
        LONG_BE.set(out, 8, jdk != null ? jdk.state[1] : yl);
    }

    /** Hashes {@code b[off..off+len)} followed by zero padding to a whole block. */
    void updatePadded(byte[] b, int off, int len) {
        int full = len >>> 4;
        if (full > 0) {
            blocks(b, off, full);
        }
        int rest = len & 15;
        if (rest != 0) {
            byte[] p = partial;
            Arrays.fill(p, (byte) 0);
            System.arraycopy(b, off + (full << 4), p, 0, rest);
            blocks(p, 0, 1);
        }
    }

    /** Hashes the final length block and writes GHASH to {@code out[off..off+16)}. */
    void finish(long aadBytes, long textBytes, byte[] out, int off) {
        LONG_BE.set(partial, 0, aadBytes << 3);
        LONG_BE.set(partial, 8, textBytes << 3);
        blocks(partial, 0, 1);
        LONG_BE.set(out, off, jdk != null ? jdk.state[0] : yh);
        LONG_BE.set(out, off + 8, jdk != null ? jdk.state[1] : yl);
    }

    /** Y = (Y ^ X) * H for each of {@code count} blocks X at {@code b[off..)}. */
    private void blocks(byte[] b, int off, int count) {
        if (jdk != null) {
            jdk.blocks(b, off, count);
        } else if (wide) {
            wideBlocks(b, off, count);
        } else {
            compactBlocks(b, off, count);
        }
    }

    private void compactBlocks(byte[] b, int off, int count) {
        final long[] t = table;
        long zh = yh;
        long zl = yl;
        for (int end = off + (count << 4); off < end; off += 16) {
            long xh = zh ^ (long) LONG_BE.get(b, off);
            long xl = zl ^ (long) LONG_BE.get(b, off + 8);
            // Horner over bytes 15..0: Z = Z * x^8 + T[0][X[i]].
            int a = ((int) xl & 0xFF) << 1;
            zh = t[a];
            zl = t[a + 1];
            for (int shift = 8; shift < 128; shift += 8) {
                int rem = (int) zl & 0xFF;
                zl = (zl >>> 8) | (zh << 56);
                zh = (zh >>> 8) ^ REDUCE[rem];
                long x = shift < 64 ? xl >>> shift : xh >>> (shift - 64);
                a = ((int) x & 0xFF) << 1;
                zh ^= t[a];
                zl ^= t[a + 1];
            }
        }
        yh = zh;
        yl = zl;
    }

    private void wideBlocks(byte[] b, int off, int count) {
        final long[] t = table;
        long zh = yh;
        long zl = yl;
        for (int end = off + (count << 4); off < end; off += 16) {
            long xh = zh ^ (long) LONG_BE.get(b, off);
            long xl = zl ^ (long) LONG_BE.get(b, off + 8);
            // A = sum of T[p][byte p of xh], B = sum of T[p][byte p of xl], p = 0..7; T[p][v] is at
            // p * 512 + v * 2 and byte p sits at bits 63-8p..56-8p. Written out, one index at a
            // time into two accumulator pairs: computing all 16 indices first needs more
            // registers than x86-64 has (C2's spills cost a third more time), and a loop over p
            // measured slower still.
            int a = (int) (xh >>> 55) & 0x1FE;
            long ah = t[a];
            long al = t[a + 1];
            a = (int) (xl >>> 55) & 0x1FE;
            long bh = t[a];
            long bl = t[a + 1];
            a = 512 + ((int) (xh >>> 47) & 0x1FE);
            ah ^= t[a];
            al ^= t[a + 1];
            a = 512 + ((int) (xl >>> 47) & 0x1FE);
            bh ^= t[a];
            bl ^= t[a + 1];
            a = 1024 + ((int) (xh >>> 39) & 0x1FE);
            ah ^= t[a];
            al ^= t[a + 1];
            a = 1024 + ((int) (xl >>> 39) & 0x1FE);
            bh ^= t[a];
            bl ^= t[a + 1];
            a = 1536 + ((int) (xh >>> 31) & 0x1FE);
            ah ^= t[a];
            al ^= t[a + 1];
            a = 1536 + ((int) (xl >>> 31) & 0x1FE);
            bh ^= t[a];
            bl ^= t[a + 1];
            a = 2048 + ((int) (xh >>> 23) & 0x1FE);
            ah ^= t[a];
            al ^= t[a + 1];
            a = 2048 + ((int) (xl >>> 23) & 0x1FE);
            bh ^= t[a];
            bl ^= t[a + 1];
            a = 2560 + ((int) (xh >>> 15) & 0x1FE);
            ah ^= t[a];
            al ^= t[a + 1];
            a = 2560 + ((int) (xl >>> 15) & 0x1FE);
            bh ^= t[a];
            bl ^= t[a + 1];
            a = 3072 + ((int) (xh >>> 7) & 0x1FE);
            ah ^= t[a];
            al ^= t[a + 1];
            a = 3072 + ((int) (xl >>> 7) & 0x1FE);
            bh ^= t[a];
            bl ^= t[a + 1];
            a = 3584 + ((int) (xh << 1) & 0x1FE);
            ah ^= t[a];
            al ^= t[a + 1];
            a = 3584 + ((int) (xl << 1) & 0x1FE);
            bh ^= t[a];
            bl ^= t[a + 1];
            // X * H = A + B * x^64: B's high word moves to the low word; its low word (the
            // coefficients of x^128..x^191) reduces by x^128 = 1 + x + x^2 + x^7.
            zh = ah ^ bl ^ (bl >>> 1) ^ (bl >>> 2) ^ (bl >>> 7);
            zl = al ^ bh ^ (bl << 63) ^ (bl << 62) ^ (bl << 57);
        }
        yh = zh;
        yl = zl;
    }

    void wipe() {
        if (jdk != null) {
            jdk.wipe();
        }
        Arrays.fill(table, 0L);
        Arrays.fill(partial, (byte) 0);
        yh = 0;
        yl = 0;
    }
}
