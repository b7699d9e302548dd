package org.voxgate.lab.g711;

/**
 * G.711 A-law for the lab's own endpoints (ITU-T G.711 Table 1a, the segment code): 16-bit
 * samples are cut to 13 bits, negatives one's-complemented, then 3 segment bits and 4 mantissa
 * bits; the sign bit is 1 for positive samples and the even bits are inverted (XOR 0x55) on the
 * wire. Decoding returns the middle of each quantisation interval, scaled back to 16 bits.
 *
 * <pre>
 *   13-bit magnitude      segment  code (before XOR 0x55)
 *   0000000wxyza            0      s 000 wxyz
 *   0000001wxyza            1      s 001 wxyz
 *   000001wxyzab            2      s 010 wxyz
 *   ...
 *   1wxyzabcdefg            7      s 111 wxyz
 * </pre>
 */
public final class ALawCodec {
    /** Even-bit inversion of the transmitted code (G.711 section 2, A-law). */
    private static final int INVERT = 0x55;
    private static final short[] DECODE = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            int a = i ^ INVERT;
            int segment = (a >> 4) & 0x07;
            int mantissa = a & 0x0F;
            // 13-bit value: segment 0 is (2m + 1), segment s is (2m + 33) << (s - 1); times 8 for 16 bits
            int magnitude = segment == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (segment - 1);
            DECODE[i] = (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
        }
    }

    private ALawCodec() {}

    public static byte encode(short sample) {
        int s = sample >> 3; // 13 bits, -4096..4095
        int sign;
        if (s >= 0) {
            sign = 0x80;
        } else {
            sign = 0;
            s = -s - 1; // one's complement: -1 shares the smallest interval with 0
        }
        int code;
        if (s < 32) {
            code = s >> 1;
        } else {
            int segment = 31 - Integer.numberOfLeadingZeros(s) - 4; // 32..63 -> 1, 2048..4095 -> 7
            code = (segment << 4) | ((s >> segment) & 0x0F);
        }
        return (byte) ((sign | code) ^ INVERT);
    }

    public static short decode(byte code) {
        return DECODE[code & 0xFF];
    }
}
