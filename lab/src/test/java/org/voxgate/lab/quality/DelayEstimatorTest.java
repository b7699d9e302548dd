package org.voxgate.lab.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class DelayEstimatorTest {
    private static final short[] CHIRP = Signals.chirp(300, 3400, 1600, -10);

    private static short[] delayed(short[] x, int delay, int total, double noiseRms, long seed) {
        Random r = new Random(seed);
        short[] y = new short[total];
        for (int i = 0; i < total; i++) {
            double v = noiseRms * r.nextGaussian();
            int src = i - delay;
            if (src >= 0 && src < x.length) {
                v += x[src];
            }
            y[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
        }
        return y;
    }

    @Test
    void recoversAKnownDelayExactly() {
        for (int delay : new int[] {0, 1, 7, 160, 417, 1999}) {
            short[] y = delayed(CHIRP, delay, 5000, 0, 1);
            DelayEstimator.Estimate e = DelayEstimator.estimate(CHIRP, 0, CHIRP.length, y, 0, -100, 3000);
            assertThat(e.lagSamples()).as("delay %d", delay).isEqualTo(delay);
            assertThat(e.correlation()).isGreaterThan(0.999);
            assertThat(e.clear(0.5)).isTrue();
        }
    }

    @Test
    void recoversTheDelayUnderNoiseAtZeroDbSnr() {
        double chirpRms = Signals.amplitude(-10) / Math.sqrt(2);
        for (long seed = 1; seed <= 5; seed++) {
            int delay = 300 + (int) seed * 111;
            short[] y = delayed(CHIRP, delay, 6000, chirpRms, seed);
            DelayEstimator.Estimate e = DelayEstimator.estimate(CHIRP, 0, CHIRP.length, y, 0, 0, 4000);
            assertThat(e.lagSamples()).as("seed %d", seed).isEqualTo(delay);
            assertThat(e.correlation()).isBetween(0.5, 0.9); // half the power is noise
        }
    }

    @Test
    void findsAProbeInsideALongerSignalWithOffsets() {
        short[] x = new short[4000];
        System.arraycopy(CHIRP, 0, x, 1000, CHIRP.length);
        short[] y = delayed(x, 250, 8000, 200, 9);
        DelayEstimator.Estimate e = DelayEstimator.estimate(x, 1000, CHIRP.length, y, 1000, -50, 2000);
        assertThat(e.lagSamples()).isEqualTo(250);
    }

    @Test
    void silenceGivesNoClearPeak() {
        DelayEstimator.Estimate e = DelayEstimator.estimate(CHIRP, 0, CHIRP.length, new short[4000], 0, 0, 1000);
        assertThat(e.correlation()).isZero();
        assertThat(e.clear(0.3)).isFalse();
    }
}
