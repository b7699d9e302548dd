package org.voxgate.sip.internal.register;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter between failed registration rounds: {@code min * 2^(n-1)}
 * capped at {@code max}, then drawn uniformly from [80 %, 100 %] of that so that many trunks
 * failing together (a carrier outage) do not come back in lock-step. A Retry-After from the
 * registrar (RFC 3261 section 21.5.4) replaces the computed delay, capped at {@code max}.
 */
public final class Backoff {
    private final Duration min;
    private final Duration max;
    private final RandomGenerator random;

    /** @param min first delay, positive; @param max cap, at least {@code min} */
    public Backoff(Duration min, Duration max, RandomGenerator random) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("back-off " + min + ".." + max);
        }
        this.min = min;
        this.max = max;
        this.random = random;
    }

    /**
     * @param failures          failed rounds in a row, at least 1
     * @param retryAfterSeconds the registrar's Retry-After, or -1
     */
    public Duration delay(int failures, int retryAfterSeconds) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures " + failures);
        }
        if (retryAfterSeconds >= 0) {
            Duration ra = Duration.ofSeconds(retryAfterSeconds);
            return ra.compareTo(max) > 0 ? max : ra;
        }
        long minMs = min.toMillis();
        long maxMs = max.toMillis();
        int shift = Math.min(failures - 1, 30);
        long base = minMs > (maxMs >> shift) ? maxMs : Math.min(maxMs, minMs << shift);
        long jittered = base - (long) (base * 0.2 * random.nextDouble());
        return Duration.ofMillis(Math.max(1, jittered));
    }
}
