package org.voxgate.lab.mix;

import org.voxgate.bridge.internal.mix.FrameEncoder;

/**
 * ITU-T G.711 mu-law by table lookup: one 64 KiB table maps every 16-bit sample to its code
 * word. Stateless, so all instances share one encoding per tick. Kept in the lab until the
 * bridge's own codec package is merged; the benchmark only needs its cost to be realistic.
 */
public final class MuLawFrameEncoder implements FrameEncoder {

    /** Sharing key: every mu-law encoder gives equal output for equal input. */
    public static final String KEY = "PCMU/8000";

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;
    private static final byte[] TABLE = new byte[65536];

    static {
        for (int i = 0; i < 65536; i++) {
            TABLE[i] = encode((short) i);
        }
    }

    private final int samplesPerFrame;

    public MuLawFrameEncoder(int samplesPerFrame) {
        this.samplesPerFrame = samplesPerFrame;
    }

    /** G.711 section 3.2: sign, 3-bit segment, 4-bit step, all bits inverted. */
    static byte encode(short sample) {
        int s = sample;
        int sign = 0;
        if (s < 0) {
            sign = 0x80;
            s = -s;
        }
        if (s > CLIP) {
            s = CLIP;
        }
        s += BIAS;
        int segment = 7;
        for (int mask = 0x4000; (s & mask) == 0 && segment > 0; mask >>= 1) {
            segment--;
        }
        int step = (s >> (segment + 3)) & 0x0f;
        return (byte) ~(sign | (segment << 4) | step);
    }

    @Override
    public int encode(short[] pcm, byte[] out, int offset) {
        for (int i = 0; i < samplesPerFrame; i++) {
            out[offset + i] = TABLE[pcm[i] & 0xffff];
        }
        return samplesPerFrame;
    }

    @Override
    public int maxPayloadBytes() {
        return samplesPerFrame;
    }

    @Override
    public Object sharingKey() {
        return KEY;
    }
}
