package org.voxgate.sip.internal.defence;

import java.util.function.DoubleSupplier;

/**
 * Decides whether the node takes one more call. Two measures: new INVITEs per second for the
 * whole node (a token bucket of one second's worth, so a burst up to the rate passes), and the
 * media load the bridge reports (busy share of its busiest mixer clock thread). Calls in progress
 * and OPTIONS never pass through here. Thread-safe.
 */
final class OverloadGuard {
    private static final long SECOND_NANOS = 1_000_000_000L;

    /** Why a new INVITE was turned away, or null when it was taken. */
    enum Cause { INVITE_RATE, MEDIA_LOAD }

    private final int invitesPerSecond;
    private final double maxLoadRatio;
    private final DoubleSupplier loadRatio;
    private double tokens;
    private long lastNanos;

    OverloadGuard(int invitesPerSecond, double maxLoadRatio, DoubleSupplier loadRatio, long nowNanos) {
        this.invitesPerSecond = invitesPerSecond;
        this.maxLoadRatio = maxLoadRatio;
        this.loadRatio = loadRatio;
        this.tokens = invitesPerSecond;
        this.lastNanos = nowNanos;
    }

    /** Takes a token for one new INVITE; null when it may proceed, else why not. */
    Cause admit(long nowNanos) {
        double load = loadRatio.getAsDouble();
        if (load > maxLoadRatio) {
            return Cause.MEDIA_LOAD;
        }
        synchronized (this) {
            long elapsed = nowNanos - lastNanos;
            if (elapsed > 0) {
                tokens = Math.min(invitesPerSecond, tokens + (double) elapsed * invitesPerSecond / SECOND_NANOS);
                lastNanos = nowNanos;
            }
            if (tokens < 1.0) {
                return Cause.INVITE_RATE;
            }
            tokens -= 1.0;
            return null;
        }
    }

    /** The load the bridge reports now (0..1). */
    double load() {
        return loadRatio.getAsDouble();
    }
}
