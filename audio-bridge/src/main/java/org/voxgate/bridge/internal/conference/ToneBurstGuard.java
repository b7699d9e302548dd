package org.voxgate.bridge.internal.conference;

import org.voxgate.bridge.api.Tone;

/**
 * Lets a conference start the same tone at most once per window. Entry and exit tones replace the
 * mix for their length (about 300 ms) and restart on every join: when callers join a big meeting
 * at the top of the hour (tens per second), the members would hear nothing but restarting beeps.
 * One tone per window says "people are joining" and leaves the conference audible.
 */
final class ToneBurstGuard {
    /** Default window: a tone starts at most once a second per conference. */
    static final long DEFAULT_WINDOW_NANOS = 1_000_000_000L;

    private final long windowNanos;
    private final long[] lastStartNanos = new long[Tone.values().length];
    private final boolean[] started = new boolean[Tone.values().length];

    ToneBurstGuard(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** @return true when {@code tone} may start now (and records the start), false to skip it */
    synchronized boolean admit(Tone tone, long nowNanos) {
        int i = tone.ordinal();
        if (started[i] && nowNanos - lastStartNanos[i] < windowNanos) {
            return false;
        }
        started[i] = true;
        lastStartNanos[i] = nowNanos;
        return true;
    }
}
