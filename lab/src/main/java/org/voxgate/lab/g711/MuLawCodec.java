package org.voxgate.lab.g711;

/**
 * G.711 mu-law for the lab's own endpoints (ITU-T G.711 Table 2a, the segment formula: bias 33
 * on 14-bit magnitudes, here scaled to 16-bit, so bias 0x84 and clip 32635), so that the lab
 * measures the node with a codec that is not the node's own.
 */
public final class MuLawCodec {
    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;
    private static final short[] DECODE = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            int u = ~i & 0xFF;
            int magnitude = ((((u & 0x0F) << 3) + BIAS) << ((u >> 4) & 0x07)) - BIAS;
            DECODE[i] = (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
        }
    }

    private MuLawCodec() {}

    public static byte encode(short sample) {
        int s = sample;
        int sign = 0;
        if (s < 0) {
            sign = 0x80;
            s = -s;
        }
        s = Math.min(s, CLIP) + BIAS;
        int segment = 7;
        for (int mask = 0x4000; (s & mask) == 0 && segment > 0; mask >>= 1) {
            segment--;
        }
        return (byte) ~(sign | (segment << 4) | ((s >> (segment + 3)) & 0x0F));
    }

    public static short decode(byte code) {
        return DECODE[code & 0xFF];
    }
}
