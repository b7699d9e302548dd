package org.voxgate.bridge.internal.resample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    static short[] sine(int rate, double hz, double amplitude, int samples) {
        short[] pcm = new short[samples];
        for (int n = 0; n < samples; n++) {
            pcm[n] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * n / rate));
        }
        return pcm;
    }

    /** Amplitude of the {@code hz} component over [from, to), by correlation. */
    static double amplitudeAt(short[] pcm, int from, int to, int rate, double hz) {
        double re = 0;
        double im = 0;
        for (int n = from; n < to; n++) {
            re += pcm[n] * Math.cos(2 * Math.PI * hz * n / rate);
            im += pcm[n] * Math.sin(2 * Math.PI * hz * n / rate);
        }
        return 2 * Math.hypot(re, im) / (to - from);
    }

    static double rms(short[] pcm, int from, int to) {
        double sum = 0;
        for (int n = from; n < to; n++) {
            sum += (double) pcm[n] * pcm[n];
        }
        return Math.sqrt(sum / (to - from));
    }

    static short[] convert(Resampler r, short[] in) {
        short[] out = new short[r.maxOutputSamples(in.length)];
        int n = r.process(in, 0, in.length, out, 0);
        assertThat(n).isEqualTo(out.length);
        return out;
    }

    @ParameterizedTest
    @CsvSource({"8000,16000", "16000,8000", "8000,48000", "48000,8000", "16000,48000", "48000,16000", "16000,16000"})
    void toneInThePassBandKeepsItsAmplitude(int in, int out) {
        for (double hz : new double[] {300, 1000, 3000}) {
            Resampler r = new Resampler(in, out);
            short[] y = convert(r, sine(in, hz, 10000, in / 2)); // 500 ms
            int from = out / 10; // skip the filter's start-up
            int to = y.length - out / 100;
            assertThat(amplitudeAt(y, from, to, out, hz)).as("%s Hz", hz).isCloseTo(10000, org.assertj.core.data.Offset.offset(120.0));
            // Nothing else: the rest of the signal is the tone (no images, no aliases).
            assertThat(rms(y, from, to)).isCloseTo(10000 / Math.sqrt(2), org.assertj.core.data.Offset.offset(90.0));
        }
    }

    @ParameterizedTest
    @CsvSource({"16000,8000,4400", "16000,8000,5000", "16000,8000,7000", "48000,8000,4400", "48000,8000,10000",
        "48000,8000,20000", "48000,16000,8800", "48000,16000,12000", "48000,16000,23000"})
    void toneAboveTheTargetNyquistIsAttenuated(int in, int out, double hz) {
        Resampler r = new Resampler(in, out);
        short[] x = sine(in, hz, 20000, in / 2);
        short[] y = convert(r, x);
        double ratio = rms(y, out / 10, y.length) / rms(x, 0, x.length);
        assertThat(20 * Math.log10(ratio + 1e-9)).as("%s Hz", hz).isLessThan(-40);
    }

    @ParameterizedTest
    @CsvSource({"8000,16000,1000,7000", "8000,16000,3000,5000", "8000,48000,1000,7000", "8000,48000,1000,9000",
        "8000,48000,3000,5000", "16000,48000,1000,15000", "16000,48000,6000,10000"})
    void imagesOfUpsamplingAreAttenuated(int in, int out, double hz, double imageHz) {
        Resampler r = new Resampler(in, out);
        short[] y = convert(r, sine(in, hz, 20000, in / 2));
        double image = amplitudeAt(y, out / 10, y.length, out, imageHz);
        assertThat(20 * Math.log10(image / 20000 + 1e-9)).as("image at %s Hz", imageHz).isLessThan(-40);
    }

    @ParameterizedTest
    @CsvSource({"8000,16000", "16000,8000", "8000,48000", "48000,8000", "16000,48000", "48000,16000"})
    void frameByFrameEqualsWholeBuffer(int in, int out) {
        Random random = new Random(in * 31L + out);
        short[] x = new short[in / 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (short) (random.nextGaussian() * 6000);
        }
        short[] whole = convert(new Resampler(in, out), x);

        Resampler r = new Resampler(in, out);
        short[] pieces = new short[whole.length + 16];
        int written = 0;
        int offset = 0;
        while (offset < x.length) {
            int n = Math.min(x.length - offset, 1 + random.nextInt(in / 50 * 2)); // up to two 20 ms frames
            written += r.process(x, offset, n, pieces, written);
            offset += n;
        }
        assertThat(written).isEqualTo(whole.length);
        assertThat(java.util.Arrays.copyOf(pieces, written)).isEqualTo(whole);
    }

    @Test
    void frameSizesAndDelay() {
        Resampler down = new Resampler(48000, 8000);
        short[] out = new short[160];
        assertThat(down.process(new short[960], 0, 960, out, 0)).isEqualTo(160);
        assertThat(down.maxOutputSamples(7)).isEqualTo(2);
        Resampler up = new Resampler(8000, 16000);
        assertThat(up.process(new short[160], 0, 160, new short[320], 0)).isEqualTo(320);

        // An impulse comes out after delayOutputSamples().
        Resampler r = new Resampler(8000, 48000);
        short[] impulse = new short[400];
        impulse[0] = 30000;
        short[] y = convert(r, impulse);
        int peak = 0;
        for (int i = 1; i < y.length; i++) {
            if (Math.abs(y[i]) > Math.abs(y[peak])) {
                peak = i;
            }
        }
        assertThat(peak).isBetween(r.delayOutputSamples() - 1, r.delayOutputSamples() + 1);
        r.reset();
        assertThat(convert(r, impulse)).isEqualTo(y);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new Resampler(44100, 8000)).isInstanceOf(IllegalArgumentException.class);
        Resampler r = new Resampler(8000, 16000);
        assertThatThrownBy(() -> r.process(new short[160], 0, 160, new short[319], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> r.process(new short[160], 100, 100, new short[400], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void processAllocatesNothing() {
        Resampler r = new Resampler(48000, 8000);
        short[] in = sine(48000, 440, 8000, 960);
        short[] out = new short[160];
        for (int i = 0; i < 2000; i++) {
            r.process(in, 0, 960, out, 0);
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 1000; i++) {
            r.process(in, 0, 960, out, 0);
        }
        assertThat(threads.getThreadAllocatedBytes(id) - before).isLessThan(1024);
    }
}
