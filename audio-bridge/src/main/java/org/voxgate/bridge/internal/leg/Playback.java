package org.voxgate.bridge.internal.leg;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One prompt list or tone being played to a leg. Created on the caller's thread and published
 * through an atomic reference; the read position is touched only by the play-out thread;
 * {@link #finish()} succeeds once, so exactly one finished event follows.
 */
final class Playback {
    private final short[][] clips;
    private final boolean notify;
    private final int sampleRateHz;
    private final boolean whileAlone;
    private final AtomicBoolean finished = new AtomicBoolean();
    private int clip;
    private int position;

    Playback(short[][] clips, boolean notify, int sampleRateHz) {
        this(clips, notify, sampleRateHz, false);
    }

    Playback(short[][] clips, boolean notify, int sampleRateHz, boolean whileAlone) {
        this.clips = clips;
        this.notify = notify;
        this.sampleRateHz = sampleRateHz;
        this.whileAlone = whileAlone;
    }

    /** Whether it stops when another participant is in the leg's conference. */
    boolean whileAlone() {
        return whileAlone;
    }

    /** Rate the clips were rendered at (the leg's codec rate when it started). */
    int sampleRateHz() {
        return sampleRateHz;
    }

    /** Whether its end is reported through onPlaybackFinished (prompts yes, tones no). */
    boolean notifies() {
        return notify;
    }

    /**
     * Adds (mix = true) or writes the next {@code samples} samples into {@code out}.
     *
     * @return false when it had already played to its end (nothing written)
     */
    boolean render(short[] out, int samples, boolean mix) {
        if (clip >= clips.length) {
            return false;
        }
        int i = 0;
        while (i < samples) {
            if (clip >= clips.length) {
                if (!mix) {
                    java.util.Arrays.fill(out, i, samples, (short) 0);
                }
                break;
            }
            short[] c = clips[clip];
            int n = Math.min(samples - i, c.length - position);
            for (int k = 0; k < n; k++) {
                int v = mix ? out[i + k] + c[position + k] : c[position + k];
                out[i + k] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
            }
            i += n;
            position += n;
            if (position >= c.length) {
                clip++;
                position = 0;
            }
        }
        return true;
    }

    boolean atEnd() {
        return clip >= clips.length;
    }

    /** Marks it finished; true only for the first caller. */
    boolean finish() {
        return finished.compareAndSet(false, true);
    }
}
