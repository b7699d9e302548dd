package org.voxgate.testing;

/**
 * An independent G.711 mu-law reference for tests, written from the ITU-T G.711 segment
 * formula (bias 0x84, clip 32635) rather than lookup tables, so tests of the product's
 * table-driven codec compare two separate implementations.
 */
public final class MuLaw {
    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    private MuLaw() {}

    public static byte encode(short sample) {
        int s = sample;
        int sign = (s >> 8) & 0x80;
        if (sign != 0) {
            s = -s;
        }
        if (s > CLIP) {
            s = CLIP;
        }
        s += BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (s >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    public static short decode(byte code) {
        int u = ~code & 0xFF;
        int sign = u & 0x80;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int magnitude = ((mantissa << 3) + BIAS) << exponent;
        magnitude -= BIAS;
        return (short) (sign != 0 ? -magnitude : magnitude);
    }
}
