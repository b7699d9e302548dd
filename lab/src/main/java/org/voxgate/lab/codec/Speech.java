package org.voxgate.lab.codec;

import java.util.Random;

/** Speech-like benchmark input: a few harmonics of a gliding pitch plus noise, about -20 dBFS. */
final class Speech {
    private Speech() {}

    static short[][] frames(int rateHz, int count) {
        int n = rateHz / 50;
        short[][] out = new short[count][n];
        Random random = new Random(7);
        double phase = 0;
        for (int f = 0; f < count; f++) {
            for (int i = 0; i < n; i++) {
                double pitch = 120 + 40 * Math.sin(2 * Math.PI * (f * n + i) / (rateHz * 0.7));
                phase += 2 * Math.PI * pitch / rateHz;
                double v = 0;
                for (int h = 1; h <= 12 && h * pitch < rateHz / 2.0; h++) {
                    v += 1800.0 / h * Math.sin(h * phase);
                }
                v += random.nextGaussian() * 200;
                out[f][i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
            }
        }
        return out;
    }
}
