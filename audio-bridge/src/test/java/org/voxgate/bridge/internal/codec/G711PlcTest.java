package org.voxgate.bridge.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711PlcTest {

    private static short[] sine(double hz, int from, int n, double amplitude) {
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * (from + i) / 8000.0));
        }
        return out;
    }

    private static double rms(short[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }

    @Test
    void repeatsThePitchPeriodThenFadesToSilence() {
        G711Plc plc = new G711Plc();
        // 200 Hz voice-like tone: period 40 samples, inside the pitch search range
        for (int f = 0; f < 5; f++) {
            plc.onGoodFrame(sine(200, f * 160, 160, 8000), 0, 160);
        }
        short[] first = new short[80]; // 10 ms: full level, continuing the waveform
        plc.conceal(first, 0, 80);
        short[] expected = sine(200, 800, 80, 8000);
        for (int i = 0; i < 80; i++) {
            assertThat(Math.abs(first[i] - expected[i])).as("sample %d", i).isLessThan(300);
        }
        short[] next = new short[400]; // 10..60 ms: fading
        plc.conceal(next, 0, 400);
        assertThat(rms(next, 0, 80)).isGreaterThan(rms(next, 320, 400));
        short[] after = new short[160]; // beyond 60 ms: silence
        plc.conceal(after, 0, 160);
        assertThat(rms(after, 0, 160)).isZero();
        assertThat(plc.concealing()).isTrue();
    }

    @Test
    void mergesBackIntoRealAudio() {
        G711Plc plc = new G711Plc();
        for (int f = 0; f < 5; f++) {
            plc.onGoodFrame(sine(200, f * 160, 160, 8000), 0, 160);
        }
        short[] gap = new short[160];
        plc.conceal(gap, 0, 160);
        short[] resumed = sine(200, 960, 160, 8000);
        short[] original = resumed.clone();
        plc.onGoodFrame(resumed, 0, 160);
        assertThat(plc.concealing()).isFalse();
        // past the cross-fade the frame is untouched
        for (int i = G711Plc.MERGE_SAMPLES; i < 160; i++) {
            assertThat(resumed[i]).isEqualTo(original[i]);
        }
    }

    @Test
    void silenceInSilenceOut() {
        G711Plc plc = new G711Plc();
        short[] out = new short[160];
        plc.conceal(out, 0, 160);
        assertThat(rms(out, 0, 160)).isZero();
    }
}
