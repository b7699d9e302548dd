package org.voxgate.server.admin;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed-authentication rate limit per client address: {@code limit} failures within
 * {@code window} lock the address out for {@code lockout}, during which every request from it
 * is refused (429) without looking at its key. A success clears the address's failures.
 * Thread-safe. Memory is bounded by pruning entries whose failures and lockout have expired.
 */
final class AuthThrottle {

    private final int limit;
    private final long windowNanos;
    private final long lockoutNanos;
    private final LongSupplier nanoClock;
    private final Map<String, State> byAddress = new ConcurrentHashMap<>();

    private static final class State {
        final Deque<Long> failures = new ArrayDeque<>();
        long lockedUntil = Long.MIN_VALUE;
        boolean locked;
    }

    AuthThrottle(int limit, long windowNanos, long lockoutNanos, LongSupplier nanoClock) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.lockoutNanos = lockoutNanos;
        this.nanoClock = nanoClock;
    }

    /** @return seconds until the lockout of {@code address} ends (at least 1), or 0 when not locked out */
    long lockedSeconds(String address) {
        State s = byAddress.get(address);
        if (s == null) {
            return 0;
        }
        synchronized (s) {
            long now = nanoClock.getAsLong();
            if (s.locked && now - s.lockedUntil < 0) {
                return Math.max(1, (s.lockedUntil - now + 999_999_999L) / 1_000_000_000L);
            }
            s.locked = false;
            return 0;
        }
    }

    /** Counts a failure; returns true when this failure started a lockout. */
    boolean failed(String address) {
        if (byAddress.size() > 10_000) {
            prune();
        }
        State s = byAddress.computeIfAbsent(address, a -> new State());
        synchronized (s) {
            long now = nanoClock.getAsLong();
            while (!s.failures.isEmpty() && now - s.failures.peekFirst() > windowNanos) {
                s.failures.removeFirst();
            }
            s.failures.addLast(now);
            if (s.failures.size() >= limit) {
                s.failures.clear();
                s.locked = true;
                s.lockedUntil = now + lockoutNanos;
                return true;
            }
            return false;
        }
    }

    void succeeded(String address) {
        byAddress.remove(address);
        if (byAddress.size() > 10_000) {
            prune();
        }
    }

    private void prune() {
        long now = nanoClock.getAsLong();
        byAddress.entrySet().removeIf(e -> {
            State s = e.getValue();
            synchronized (s) {
                boolean recent = !s.failures.isEmpty() && now - s.failures.peekLast() <= windowNanos;
                return !recent && !(s.locked && now - s.lockedUntil < 0);
            }
        });
    }
}
