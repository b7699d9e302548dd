package org.voxgate.bridge.internal.tone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voxgate.bridge.api.Tone;

class ToneGeneratorTest {

    /** Frequency with the largest DFT magnitude, scanned 200..2500 Hz in 2 Hz steps. */
    static double dominantHz(short[] pcm, int from, int to, int rateHz) {
        double bestHz = 0;
        double best = -1;
        for (double f = 200; f <= 2500; f += 2) {
            double w = 2 * Math.PI * f / rateHz;
            double re = 0;
            double im = 0;
            for (int n = from; n < to; n++) {
                re += pcm[n] * Math.cos(w * n);
                im -= pcm[n] * Math.sin(w * n);
            }
            double p = re * re + im * im;
            if (p > best) {
                best = p;
                bestHz = f;
            }
        }
        return bestHz;
    }

    private static void assertNotes(short[] pcm, int rate, int noteMs, double... hz) {
        int note = rate * noteMs / 1000;
        assertThat(pcm).hasSize(note * hz.length);
        for (int k = 0; k < hz.length; k++) {
            // The steady middle of the note, 100 ms at most, decimated for speed at 48 kHz.
            int from = k * note + note / 6;
            int to = from + Math.min(rate / 10, note * 2 / 3);
            assertThat(dominantHz(pcm, from, to, rate)).as("note %d", k).isCloseTo(hz[k], org.assertj.core.data.Offset.offset(6.0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 48000})
    void frequenciesAndDurations(int rate) {
        assertNotes(ToneGenerator.render(Tone.ENTRY, rate), rate, 150, 660, 880);
        assertNotes(ToneGenerator.render(Tone.EXIT, rate), rate, 150, 880, 660);
        assertNotes(ToneGenerator.render(Tone.BEEP, rate), rate, 120, 1000);
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 48000})
    void noClicksAndTheRightLevel(int rate) {
        double peak = 32768 * Math.pow(10, ToneGenerator.PEAK_DBFS / 20);
        for (Tone tone : Tone.values()) {
            short[] pcm = ToneGenerator.render(tone, rate);
            double maxHz = tone == Tone.BEEP ? 1000 : 880;
            // A pure sine's largest step is peak * 2 pi f / rate; the fades add a few percent.
            double maxStep = peak * 2 * Math.PI * maxHz / rate * 1.1 + 1;
            int max = 0;
            for (int n = 1; n < pcm.length; n++) {
                assertThat(Math.abs(pcm[n] - pcm[n - 1])).as("%s step at %d", tone, n).isLessThanOrEqualTo((int) maxStep);
                max = Math.max(max, Math.abs(pcm[n]));
            }
            assertThat(Math.abs(pcm[0])).isLessThanOrEqualTo(1);
            assertThat(Math.abs(pcm[pcm.length - 1])).as("ends at silence").isLessThan((int) (peak * 0.02));
            assertThat((double) max).isBetween(peak * 0.98, peak + 1);
            // The fade really fades: the first millisecond stays well under the peak.
            for (int n = 0; n < rate / 1000; n++) {
                assertThat((double) Math.abs(pcm[n])).isLessThan(peak * 0.1);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void rejectsOtherRates() {
        assertThatThrownBy(() -> ToneGenerator.render(Tone.BEEP, 44100)).isInstanceOf(IllegalArgumentException.class);
    }
}
