package org.voxgate.sip.internal.defence;

/**
 * Events in the last window, estimated the way a sliding-window rate limiter does: the count of
 * the current fixed window plus the previous window's count weighted by how much of it still
 * lies inside the sliding window. Two counts and a timestamp per source; not thread-safe (the
 * owner locks).
 *
 * <pre>
 *   |---- previous ----|---- current ----|
 *              |======= sliding ========|  now
 *   estimate = current + previous * (1 - elapsed/window)
 * </pre>
 */
final class SlidingWindow {
    private final long windowNanos;
    private long start;
    private double current;
    private double previous;

    SlidingWindow(long windowNanos, long nowNanos) {
        this.windowNanos = windowNanos;
        this.start = nowNanos;
    }

    /** Records one event at {@code nowNanos} and returns the estimate including it. */
    double add(long nowNanos) {
        return add(nowNanos, 1.0);
    }

    /** Records an event of {@code weight} (a fraction of one) and returns the estimate including it. */
    double add(long nowNanos, double weight) {
        roll(nowNanos);
        current += weight;
        return estimate(nowNanos);
    }

    /** Forgets every event (after a ban starts). */
    void clear(long nowNanos) {
        start = nowNanos;
        current = 0;
        previous = 0;
    }

    private void roll(long nowNanos) {
        long elapsed = nowNanos - start;
        if (elapsed < windowNanos) {
            return;
        }
        if (elapsed < 2 * windowNanos) {
            previous = current;
            start += windowNanos;
        } else {
            previous = 0;
            start = nowNanos;
        }
        current = 0;
    }

    private double estimate(long nowNanos) {
        double inCurrent = (double) (nowNanos - start) / windowNanos;
        return current + previous * Math.max(0.0, 1.0 - inCurrent);
    }
}
