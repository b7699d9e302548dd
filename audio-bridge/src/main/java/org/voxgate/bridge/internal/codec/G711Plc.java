package org.voxgate.bridge.internal.codec;

/**
 * Packet loss concealment for G.711 at 8 kHz, after the idea of ITU-T G.711 Appendix I: when a
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

    private final short[] history = new short[HISTORY_SAMPLES];
    private final short[] period = new short[PITCH_MAX];
    private int pitch;
    private int periodPos;
    private int erasedSamples;
    private boolean concealing;

    /**
     * Takes a frame that arrived. After an erasure its start is merged with the synthetic
     * signal in place.
     */
    public void onGoodFrame(short[] pcm, int offset, int length) {
        if (concealing) {
            concealing = false;
            int merge = Math.min(MERGE_SAMPLES, length);
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
            System.arraycopy(history, HISTORY_SAMPLES - pitch, period, 0, pitch);
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

    private static float gainAt(int erased) {
        int full = FULL_LEVEL_MS * SAMPLE_RATE_HZ / 1000;
        int end = SILENCE_AFTER_MS * SAMPLE_RATE_HZ / 1000;
        if (erased < full) {
            return 1f;
        }
        if (erased >= end) {
            return 0f;
        }
        return 1f - (erased - full) / (float) (end - full);
    }

    private void remember(short[] pcm, int offset, int length) {
        if (length >= HISTORY_SAMPLES) {
            System.arraycopy(pcm, offset + length - HISTORY_SAMPLES, history, 0, HISTORY_SAMPLES);
        } else {
            System.arraycopy(history, length, history, 0, HISTORY_SAMPLES - length);
            System.arraycopy(pcm, offset, history, HISTORY_SAMPLES - length, length);
        }
    }

    /** Lag in PITCH_MIN..PITCH_MAX whose shifted window best matches the last CORR_SAMPLES. */
    private int estimatePitch() {
        int end = HISTORY_SAMPLES;
        int start = end - CORR_SAMPLES;
        double bestScore = -Double.MAX_VALUE;
        int best = PITCH_MAX;
        for (int lag = PITCH_MIN; lag <= PITCH_MAX; lag++) {
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
