package org.voxgate.server.admin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (an API key's id, or a client address): each request takes a token;
 * a bucket holds at most {@code burst} tokens and refills at {@code perSecond}. An empty bucket
 * refuses the request and tells how long until the next token. Thread-safe; memory is bounded
 * by dropping buckets that have refilled completely (they are the same as a new one).
 *
 * <p>This is the general request rate limit; failed authentications have their own, stricter
 * lockout ({@link AuthThrottle}).
 */
final class RateLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int PRUNE_ABOVE = 10_000;

    private final double perNano;
    private final int burst;
    private final long fullAfterNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long lastNanos) {
            this.tokens = tokens;
            this.lastNanos = lastNanos;
        }
    }

    /**
     * @param perSecond tokens added per second, at least 1
     * @param burst     bucket size: requests allowed at once after a quiet period, at least 1
     */
    RateLimiter(int perSecond, int burst, LongSupplier nanoClock) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("perSecond and burst must be at least 1");
        }
        this.perNano = perSecond / (double) NANOS_PER_SECOND;
        this.burst = burst;
        this.fullAfterNanos = (long) Math.ceil(burst / perNano);
        this.nanoClock = nanoClock;
    }

    /**
     * Takes a token for {@code key}.
     *
     * @return 0 when the request may go ahead, else the whole seconds (at least 1) until the
     *         bucket holds a token again, for Retry-After
     */
    long acquire(String key) {
        if (buckets.size() > PRUNE_ABOVE) {
            prune();
        }
        long now = nanoClock.getAsLong();
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (b) {
            long elapsed = now - b.lastNanos;
            if (elapsed > 0) {
                b.tokens = Math.min(burst, b.tokens + elapsed * perNano);
                b.lastNanos = now;
            }
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            double waitNanos = (1 - b.tokens) / perNano;
            return Math.max(1, (long) Math.ceil(waitNanos / NANOS_PER_SECOND));
        }
    }

    /** Buckets held, for tests of the memory bound. */
    int size() {
        return buckets.size();
    }

    private void prune() {
        long now = nanoClock.getAsLong();
        buckets.entrySet().removeIf(e -> {
            Bucket b = e.getValue();
            synchronized (b) {
                return now - b.lastNanos >= fullAfterNanos;
            }
        });
    }
}
