package org.voxgate.bridge.internal.leg;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One prompt list or tone being played to a leg. Created on the caller's thread and published
 * through an atomic reference; the read position is touched only by the play-out thread;
 * {@link #finish()} succeeds once, so exactly one finished event follows. It may carry the same
 * audio encoded once for the leg's codec ({@link EncodedFrames}); the play-out then sends those
 * frames while it stays on their frame boundaries, and renders PCM otherwise.
 */
final class Playback {
    private final short[][] clips;
    private final boolean notify;
    private final int sampleRateHz;
    private final boolean whileAlone;
    private final EncodedFrames encoded;
    private final AtomicBoolean finished = new AtomicBoolean();
    private int clip;
    private int position;
    /** Samples played (rendered or sent as encoded frames) from the start. */
    private long played;

    Playback(short[][] clips, boolean notify, int sampleRateHz) {
        this(clips, notify, sampleRateHz, false, null);
    }

    /** @param encoded the clips back to back as shared payloads ({@link EncodedPlaybackCache}), or null */
    Playback(short[][] clips, boolean notify, int sampleRateHz, EncodedFrames encoded) {
        this(clips, notify, sampleRateHz, false, encoded);
    }

    /**
     * @param whileAlone it stops when another participant is in the leg's conference
     * @param encoded    the clips back to back as shared payloads ({@link EncodedPlaybackCache}), or null
     */
    Playback(short[][] clips, boolean notify, int sampleRateHz, boolean whileAlone, EncodedFrames encoded) {
        this.clips = clips;
        this.notify = notify;
        this.sampleRateHz = sampleRateHz;
        this.whileAlone = whileAlone;
        this.encoded = encoded;
    }

    /** Whether it stops when another participant is in the leg's conference. */
    boolean whileAlone() {
        return whileAlone;
    }

    /** The shared encoded frames, or null. */
    EncodedFrames encoded() {
        return encoded;
    }

    /**
     * The encoded frame that holds the next {@code samples} samples, or -1 when there is none:
     * no encoded frames, frames of another length, not at a frame boundary (it was rendered as
     * PCM for a while), or at the end.
     */
    int encodedFrame(int samples) {
        EncodedFrames e = encoded;
        if (e == null || e.frameSamples() != samples || clip >= clips.length || played % samples != 0) {
            return -1;
        }
        long i = played / samples;
        return i < e.frames() ? (int) i : -1;
    }

    /** Moves on {@code samples} samples without rendering them (their encoded frame was sent). */
    void advance(int samples) {
        int left = samples;
        while (left > 0 && clip < clips.length) {
            int n = Math.min(left, clips[clip].length - position);
            left -= n;
            position += n;
            played += n;
            if (position >= clips[clip].length) {
                clip++;
                position = 0;
            }
        }
        played += left; // the padding of the last frame
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
                played += samples - i;
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
            played += n;
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
