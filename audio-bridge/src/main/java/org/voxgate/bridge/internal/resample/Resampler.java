package org.voxgate.bridge.internal.resample;

import java.util.Objects;

/**
 * Converts one stream of 16-bit PCM between 8000, 16000 and 48000 Hz, keeping its filter state
 * from one call to the next, so feeding a stream frame by frame gives the same samples as
 * feeding it whole.
 *
 * <p>Up by L: each input sample yields L outputs, one per polyphase branch of the
 * anti-imaging filter. Down by M: every M-th input sample yields one output of the
 * anti-aliasing filter. Delay: {@link #delayOutputSamples()}.
 *
 * <p>Allocation-free after construction. Not thread-safe: one resampler per stream.
 */
public final class Resampler {

    /** Design stop-band attenuation. */
    public static final double ATTENUATION_DB = 60;
    /** Pass band edge as a share of the lower rate. */
    public static final double PASS_EDGE = 0.43;

    private final int inRateHz;
    private final int outRateHz;
    private final int up;
    private final int down;
    private final int tapsPerPhase;
    /** [phase * tapsPerPhase + m], reversed so m = K - 1 multiplies the newest sample. */
    private final float[] coefficients;
    /** Last K input samples, stored twice so a window is always contiguous. */
    private final float[] history;
    private int position;
    private int decimationPhase;

    /**
     * @throws IllegalArgumentException unless both rates are 8000, 16000 or 48000
     */
    public Resampler(int inRateHz, int outRateHz) {
        checkRate(inRateHz);
        checkRate(outRateHz);
        this.inRateHz = inRateHz;
        this.outRateHz = outRateHz;
        this.up = Math.max(1, outRateHz / inRateHz);
        this.down = Math.max(1, inRateHz / outRateHz);
        if (up == 1 && down == 1) {
            this.tapsPerPhase = 1;
            this.coefficients = new float[] {1f};
        } else {
            double highRate = (double) inRateHz * up;
            double lowRate = Math.min(inRateHz, outRateHz);
            double transitionHz = (0.5 - PASS_EDGE) * lowRate;
            double cutoffHz = (PASS_EDGE + 0.5) / 2 * lowRate;
            double deltaOmega = 2 * Math.PI * transitionHz / highRate;
            int taps = (int) Math.ceil((ATTENUATION_DB - 7.95) / (2.285 * deltaOmega)) + 1;
            this.tapsPerPhase = (taps + up - 1) / up;
            this.coefficients = design(tapsPerPhase * up, up, cutoffHz / highRate);
        }
        this.history = new float[2 * tapsPerPhase];
    }

    private static void checkRate(int rateHz) {
        if (rateHz != 8000 && rateHz != 16000 && rateHz != 48000) {
            throw new IllegalArgumentException("rate must be 8000, 16000 or 48000 Hz: " + rateHz);
        }
    }

    /** Kaiser-windowed sinc of {@code taps} taps, DC gain {@code up}, split into polyphase branches. */
    private static float[] design(int taps, int up, double cutoff) {
        double beta = 0.1102 * (ATTENUATION_DB - 8.7);
        double centre = (taps - 1) / 2.0;
        double[] h = new double[taps];
        double sum = 0;
        for (int n = 0; n < taps; n++) {
            double t = n - centre;
            double sinc = t == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            double r = t / centre;
            double window = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / besselI0(beta);
            h[n] = sinc * window;
            sum += h[n];
        }
        int k = taps / up;
        float[] polyphase = new float[taps];
        for (int p = 0; p < up; p++) {
            for (int j = 0; j < k; j++) {
                polyphase[p * k + (k - 1 - j)] = (float) (h[p + j * up] * up / sum);
            }
        }
        return polyphase;
    }

    private static double besselI0(double x) {
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < sum * 1e-12) {
                break;
            }
        }
        return sum;
    }

    public int inRateHz() {
        return inRateHz;
    }

    public int outRateHz() {
        return outRateHz;
    }

    /** Most samples one call can write for {@code inLength} input samples. */
    public int maxOutputSamples(int inLength) {
        return (inLength * up + down - 1) / down;
    }

    /** Delay of the filter, in output samples (rounded down). */
    public int delayOutputSamples() {
        return (tapsPerPhase * up - 1) / 2 / down;
    }

    /**
     * Continues from {@code other}'s stream state (a listener taking over a shared stream).
     *
     * @throws IllegalArgumentException when the rates differ
     */
    public void copyStateFrom(Resampler other) {
        if (other.inRateHz != inRateHz || other.outRateHz != outRateHz) {
            throw new IllegalArgumentException("different conversions");
        }
        System.arraycopy(other.history, 0, history, 0, history.length);
        position = other.position;
        decimationPhase = other.decimationPhase;
    }

    /** Forgets the stream: history to silence, as after construction. */
    public void reset() {
        java.util.Arrays.fill(history, 0f);
        position = 0;
        decimationPhase = 0;
    }

    /**
     * Converts {@code inLength} samples, continuing the stream.
     *
     * @return samples written at {@code out[outOffset]}, at most {@link #maxOutputSamples}
     * @throws IndexOutOfBoundsException if the input range is outside {@code in} or
     *     {@code out} lacks room for {@link #maxOutputSamples} samples
     */
    public int process(short[] in, int inOffset, int inLength, short[] out, int outOffset) {
        Objects.checkFromIndexSize(inOffset, inLength, in.length);
        Objects.checkFromIndexSize(outOffset, maxOutputSamples(inLength), out.length);
        if (up == 1 && down == 1) {
            System.arraycopy(in, inOffset, out, outOffset, inLength);
            return inLength;
        }
        int k = tapsPerPhase;
        int written = 0;
        for (int i = 0; i < inLength; i++) {
            float x = in[inOffset + i];
            history[position] = x;
            history[position + k] = x;
            position = position + 1 == k ? 0 : position + 1;
            if (down > 1) {
                if (decimationPhase == 0) {
                    out[outOffset + written++] = dot(0);
                }
                decimationPhase = decimationPhase + 1 == down ? 0 : decimationPhase + 1;
            } else {
                for (int p = 0; p < up; p++) {
                    out[outOffset + written++] = dot(p);
                }
            }
        }
        return written;
    }

    private short dot(int phase) {
        int k = tapsPerPhase;
        int c = phase * k;
        float acc = 0;
        for (int m = 0; m < k; m++) {
            acc += coefficients[c + m] * history[position + m];
        }
        int v = Math.round(acc);
        return (short) (v > Short.MAX_VALUE ? Short.MAX_VALUE : (v < Short.MIN_VALUE ? Short.MIN_VALUE : v));
    }
}
