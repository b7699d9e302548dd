package org.voxgate.lab.load;

import org.voxgate.lab.g711.MuLawCodec;

/** The 20 ms PCMU payloads the generator sends: a test tone for talkers, silence for the rest. */
final class RtpToneSource {
    /** The talkers' tone; 160 samples at 8 kHz hold exactly 20 periods, so every frame is the same. */
    static final int TONE_HZ = 1000;
    /** About -12 dBov. */
    private static final double AMPLITUDE = 8000;
    static final int SAMPLES = 160;

    private static final byte[] TONE = new byte[SAMPLES];
    private static final byte[] SILENCE = new byte[SAMPLES];

    static {
        for (int i = 0; i < SAMPLES; i++) {
            TONE[i] = MuLawCodec.encode((short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * TONE_HZ * i / 8000.0)));
            SILENCE[i] = MuLawCodec.encode((short) 0);
        }
    }

    private RtpToneSource() {}

    static byte[] tone() {
        return TONE;
    }

    static byte[] silence() {
        return SILENCE;
    }
}
