package org.voxgate.bridge.internal.codec;

/**
 * Packet loss concealment for G.711 at 8 kHz (and, with every length scaled by the rate, for
 * G.722 and L16 at 16 kHz), after the idea of ITU-T G.711 Appendix I: when a
 * frame is missing, estimate the pitch period of the recent past by normalized
 * cross-correlation and repeat the last period, full level for the first
 * {@value #FULL_LEVEL_MS} ms of an erasure, then fading linearly to silence at
 * {@value #SILENCE_AFTER_MS} ms. When audio resumes, the first {@value #MERGE_SAMPLES} samples
 * are cross-faded from the synthetic continuation into the real signal.
 *
 * <p>Owned by one thread (the leg's play-out); preallocated, allocates nothing per frame.
 */
public final class G711Plc {
    static final int SAMPLE_RATE_HZ = 8000;
    /** History kept: enough for the longest pitch plus a correlation window (48.75 ms). */
    static final int HISTORY_SAMPLES = 390;
    /** Pitch search range, 66.7 Hz .. 200 Hz, in samples. */
    static final int PITCH_MIN = 40;
    static final int PITCH_MAX = 120;
    /** Correlation window: 20 ms. */
    static final int CORR_SAMPLES = 160;
    static final int FULL_LEVEL_MS = 10;
    static final int SILENCE_AFTER_MS = 60;
    static final int MERGE_SAMPLES = 32;

    private final int historySamples;
    private final int pitchMin;
    private final int pitchMax;
    private final int corrSamples;
    private final int mergeSamples;
    private final int fullSamples;
    private final int endSamples;
    private final short[] history;
    private final short[] period;
    private int pitch;
    private int periodPos;
    private int erasedSamples;
    private boolean concealing;

    /** Concealment at 8 kHz. */
    public G711Plc() {
        this(SAMPLE_RATE_HZ);
    }

    /**
     * @param sampleRateHz 8000, 16000 or 48000: lengths scale with the rate (the pitch search at
     *     48 kHz runs on every sample and costs 36 times the 8 kHz search, once per erasure)
     * @throws IllegalArgumentException for another rate
     */
    public G711Plc(int sampleRateHz) {
        if (sampleRateHz != 8000 && sampleRateHz != 16000 && sampleRateHz != 48000) {
            throw new IllegalArgumentException("PLC rate must be 8000, 16000 or 48000 Hz: " + sampleRateHz);
        }
        int scale = sampleRateHz / SAMPLE_RATE_HZ;
        historySamples = HISTORY_SAMPLES * scale;
        pitchMin = PITCH_MIN * scale;
        pitchMax = PITCH_MAX * scale;
        corrSamples = CORR_SAMPLES * scale;
        mergeSamples = MERGE_SAMPLES * scale;
        fullSamples = FULL_LEVEL_MS * sampleRateHz / 1000;
        endSamples = SILENCE_AFTER_MS * sampleRateHz / 1000;
        history = new short[historySamples];
        period = new short[pitchMax];
    }

    /**
     * Takes a frame that arrived. After an erasure its start is merged with the synthetic
     * signal in place.
     */
    public void onGoodFrame(short[] pcm, int offset, int length) {
        if (concealing) {
            concealing = false;
            int merge = Math.min(mergeSamples, length);
            float gain = gainAt(erasedSamples);
            if (gain > 0f) {
                for (int i = 0; i < merge; i++) {
                    float w = (i + 1) / (float) (merge + 1);
                    float synthetic = period[periodPos] * gain;
                    periodPos = periodPos + 1 == pitch ? 0 : periodPos + 1;
                    pcm[offset + i] = clip(w * pcm[offset + i] + (1 - w) * synthetic);
                }
            }
            erasedSamples = 0;
        }
        remember(pcm, offset, length);
    }

    /** Writes {@code length} samples of concealment for a missing frame. */
    public void conceal(short[] out, int offset, int length) {
        if (!concealing) {
            concealing = true;
            erasedSamples = 0;
            pitch = estimatePitch();
            System.arraycopy(history, historySamples - pitch, period, 0, pitch);
            periodPos = 0;
        }
        for (int i = 0; i < length; i++) {
            float gain = gainAt(erasedSamples++);
            out[offset + i] = gain == 0f ? 0 : clip(period[periodPos] * gain);
            periodPos = periodPos + 1 == pitch ? 0 : periodPos + 1;
        }
        remember(out, offset, length);
    }

    /** Whether the last frame was concealed. */
    public boolean concealing() {
        return concealing;
    }

    /** Forgets the past (new stream, codec change). */
    public void reset() {
        java.util.Arrays.fill(history, (short) 0);
        concealing = false;
        erasedSamples = 0;
    }

    private float gainAt(int erased) {
        int full = fullSamples;
        int end = endSamples;
        if (erased < full) {
            return 1f;
        }
        if (erased >= end) {
            return 0f;
        }
        return 1f - (erased - full) / (float) (end - full);
    }

    private void remember(short[] pcm, int offset, int length) {
        if (length >= historySamples) {
            System.arraycopy(pcm, offset + length - historySamples, history, 0, historySamples);
        } else {
            System.arraycopy(history, length, history, 0, historySamples - length);
            System.arraycopy(pcm, offset, history, historySamples - length, length);
        }
    }

    /** Lag in pitchMin..pitchMax whose shifted window best matches the last CORR_SAMPLES. */
    private int estimatePitch() {
        int end = historySamples;
        int start = end - corrSamples;
        double bestScore = -Double.MAX_VALUE;
        int best = pitchMax;
        for (int lag = pitchMin; lag <= pitchMax; lag++) {
            double cross = 0;
            double energy = 0;
            for (int i = start; i < end; i++) {
                double past = history[i - lag];
                cross += history[i] * past;
                energy += past * past;
            }
            double score = energy == 0 ? 0 : cross / Math.sqrt(energy);
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        return best;
    }

    private static short clip(float v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }
}
