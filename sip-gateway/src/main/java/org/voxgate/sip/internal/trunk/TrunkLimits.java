package org.voxgate.sip.internal.trunk;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.voxgate.sip.Trunk;

/**
 * The per-trunk limits of both directions together: {@code maxChannels} concurrent calls and
 * {@code maxCallsPerSecond} new calls (a token bucket that holds one second's worth and refills
 * continuously). Inbound admission and dial-out both call {@link #acquire} for a new call and
 * {@link #release} exactly once when a call that was granted ends. The limits are read from the
 * {@link Trunk} at each acquire, so an admin's change applies to the next call. Thread-safe.
 */
public final class TrunkLimits {

    /** The outcome of {@link #acquire}. */
    public enum Grant {
        /** A channel is held; call {@link #release} when the call ends. */
        GRANTED,
        /** {@code maxChannels} calls are up. Nothing held. */
        CHANNELS_FULL,
        /** More than {@code maxCallsPerSecond} new calls. Nothing held. */
        RATE_EXCEEDED
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LongSupplier clockNanos;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    private static final class State {
        int channels;
        /** Tokens in units of 1/1e9 of a call, so refill needs no floating point. */
        long tokenNanos = -1;
        long lastRefillNanos;
    }

    /** @param clockNanos a monotonic clock ({@code System::nanoTime}, a fake in tests) */
    public TrunkLimits(LongSupplier clockNanos) {
        this.clockNanos = clockNanos;
    }

    /**
     * Takes a channel on {@code trunk} for a new call, when both limits allow it. A call
     * refused for its rate takes no channel; a call refused for channels still spends no token.
     */
    public Grant acquire(Trunk trunk) {
        State s = states.computeIfAbsent(trunk.id(), k -> new State());
        long now = clockNanos.getAsLong();
        long capacity = trunk.maxCallsPerSecond() * NANOS_PER_SECOND;
        synchronized (s) {
            if (s.tokenNanos < 0) {
                s.tokenNanos = capacity; // a new bucket starts full
                s.lastRefillNanos = now;
            }
            long elapsed = Math.max(0, now - s.lastRefillNanos);
            // elapsed seconds x calls per second, in the same 1e-9 unit; capped to avoid overflow
            long refill = elapsed > capacity ? capacity : elapsed * trunk.maxCallsPerSecond();
            s.tokenNanos = Math.min(capacity, s.tokenNanos + refill);
            s.lastRefillNanos = now;
            if (s.channels >= trunk.maxChannels()) {
                return Grant.CHANNELS_FULL;
            }
            if (s.tokenNanos < NANOS_PER_SECOND) {
                return Grant.RATE_EXCEEDED;
            }
            s.tokenNanos -= NANOS_PER_SECOND;
            s.channels++;
            return Grant.GRANTED;
        }
    }

    /** Gives back a channel taken by a granted {@link #acquire}. */
    public void release(String trunkId) {
        State s = states.get(trunkId);
        if (s == null) {
            return;
        }
        synchronized (s) {
            if (s.channels > 0) {
                s.channels--;
            }
        }
    }

    /** Calls now up on the trunk (both directions). */
    public int channels(String trunkId) {
        State s = states.get(trunkId);
        if (s == null) {
            return 0;
        }
        synchronized (s) {
            return s.channels;
        }
    }
}
