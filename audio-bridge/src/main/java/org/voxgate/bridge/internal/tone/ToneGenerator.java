package org.voxgate.bridge.internal.tone;

import java.util.Objects;

import org.voxgate.bridge.api.Tone;

/**
 * Renders a {@link Tone} as 16-bit linear PCM.
 *
 * <pre>
 *  ENTRY  660 Hz 150 ms, 880 Hz 150 ms   (rising)
 *  EXIT   880 Hz 150 ms, 660 Hz 150 ms   (falling)
 *  BEEP   1000 Hz 120 ms
 * </pre>
 * Each note peaks at {@value #PEAK_DBFS} dBFS and fades in and out over {@value #FADE_MS} ms
 * with a raised-cosine ramp.
 */
public final class ToneGenerator {

    /** Peak level of every note, relative to 32768. */
    public static final double PEAK_DBFS = -12;
    /** Fade-in and fade-out of every note. */
    public static final int FADE_MS = 8;

    static final double LOW_HZ = 660;
    static final double HIGH_HZ = 880;
    static final double BEEP_HZ = 1000;
    static final int NOTE_MS = 150;
    static final int BEEP_MS = 120;

    private ToneGenerator() {}

    /**
     * @param sampleRateHz 8000, 16000 or 48000
     * @return a new array the caller owns
     * @throws IllegalArgumentException on another rate
     */
    public static short[] render(Tone tone, int sampleRateHz) {
        Objects.requireNonNull(tone, "tone");
        if (sampleRateHz != 8000 && sampleRateHz != 16000 && sampleRateHz != 48000) {
            throw new IllegalArgumentException("sample rate must be 8000, 16000 or 48000 Hz: " + sampleRateHz);
        }
        switch (tone) {
            case ENTRY:
                return notes(sampleRateHz, NOTE_MS, LOW_HZ, HIGH_HZ);
            case EXIT:
                return notes(sampleRateHz, NOTE_MS, HIGH_HZ, LOW_HZ);
            case BEEP:
                return notes(sampleRateHz, BEEP_MS, BEEP_HZ);
            default:
                throw new IllegalArgumentException("unknown tone " + tone);
        }
    }

    private static short[] notes(int rateHz, int noteMs, double... frequenciesHz) {
        int noteSamples = rateHz * noteMs / 1000;
        int fadeSamples = rateHz * FADE_MS / 1000;
        double peak = 32768 * Math.pow(10, PEAK_DBFS / 20);
        short[] out = new short[noteSamples * frequenciesHz.length];
        for (int k = 0; k < frequenciesHz.length; k++) {
            double w = 2 * Math.PI * frequenciesHz[k] / rateHz;
            for (int n = 0; n < noteSamples; n++) {
                double gain = 1;
                int edge = Math.min(n, noteSamples - 1 - n);
                if (edge < fadeSamples) {
                    gain = 0.5 - 0.5 * Math.cos(Math.PI * edge / fadeSamples);
                }
                out[k * noteSamples + n] = (short) Math.round(peak * gain * Math.sin(w * n));
            }
        }
        return out;
    }
}
