package org.voxgate.sip.internal.defence;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-source request rate, failed authentications and bans, bounded in memory. Counters are
 * kept for at most {@code capacity} sources in access order: under a spray of spoofed sources
 * the least recently seen is forgotten first. Bans live in their own table of the same capacity
 * (in ban order, the oldest ban goes first when full), so a spray of new sources cannot push a
 * ban out of the counters table. Thread-safe (one monitor; a few map operations per request).
 */
final class SourceTable {
    private final int capacity;
    private final long rateWindowNanos;
    private final long authWindowNanos;
    private final Map<InetAddress, Counters> counters;
    private final Map<InetAddress, Long> bans;

    private static final class Counters {
        final SlidingWindow requests;
        SlidingWindow authFailures;

        Counters(long rateWindowNanos, long nowNanos) {
            requests = new SlidingWindow(rateWindowNanos, nowNanos);
        }
    }

    SourceTable(int capacity, long rateWindowNanos, long authWindowNanos) {
        this.capacity = capacity;
        this.rateWindowNanos = rateWindowNanos;
        this.authWindowNanos = authWindowNanos;
        this.counters = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Counters> eldest) {
                return size() > SourceTable.this.capacity;
            }
        };
        this.bans = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Long> eldest) {
                return size() > SourceTable.this.capacity;
            }
        };
    }

    /** True while {@code source} is banned at {@code nowNanos}; an expired ban is removed. */
    synchronized boolean banned(InetAddress source, long nowNanos) {
        Long until = bans.get(source);
        if (until == null) {
            return false;
        }
        if (nowNanos - until < 0) {
            return true;
        }
        bans.remove(source);
        return false;
    }

    /** What {@link #request} found. */
    enum Admission { PASS, BANNED, BANNED_NOW }

    /**
     * Counts one request of {@code weight} from a source that is not trusted, in one step with the ban check and,
     * when the estimate in the last window exceeds {@code limit}, the ban itself (so concurrent
     * requests see exactly one {@link Admission#BANNED_NOW}).
     */
    synchronized Admission request(InetAddress source, long nowNanos, double weight, int limit, long banNanos) {
        if (banned(source, nowNanos)) {
            return Admission.BANNED;
        }
        if (counters(source, nowNanos).requests.add(nowNanos, weight) > limit) {
            ban(source, nowNanos + banNanos);
            return Admission.BANNED_NOW;
        }
        return Admission.PASS;
    }

    /**
     * Counts one failed authentication; at {@code limit} in the auth window the source is banned.
     * Returns {@link Admission#BANNED} when it already was.
     */
    synchronized Admission authFailure(InetAddress source, long nowNanos, int limit, long banNanos) {
        if (banned(source, nowNanos)) {
            return Admission.BANNED;
        }
        Counters c = counters(source, nowNanos);
        if (c.authFailures == null) {
            c.authFailures = new SlidingWindow(authWindowNanos, nowNanos);
        }
        if (c.authFailures.add(nowNanos) >= limit) {
            ban(source, nowNanos + banNanos);
            return Admission.BANNED_NOW;
        }
        return Admission.PASS;
    }

    /** Bans {@code source} until {@code untilNanos} and forgets its counters. */
    synchronized void ban(InetAddress source, long untilNanos) {
        bans.remove(source);
        bans.put(source, untilNanos);
        counters.remove(source);
    }

    /** Lifts a ban (operator action, tests). */
    synchronized boolean unban(InetAddress source) {
        return bans.remove(source) != null;
    }

    /** Bans in force at {@code nowNanos}; expired ones are removed on the way. */
    synchronized int bannedCount(long nowNanos) {
        for (Iterator<Long> it = bans.values().iterator(); it.hasNext(); ) {
            if (nowNanos - it.next() >= 0) {
                it.remove();
            }
        }
        return bans.size();
    }

    /** Sources whose counters are kept now (at most the capacity). */
    synchronized int trackedSources() {
        return counters.size();
    }

    private Counters counters(InetAddress source, long nowNanos) {
        Counters c = counters.get(source);
        if (c == null) {
            c = new Counters(rateWindowNanos, nowNanos);
            counters.put(source, c);
        }
        return c;
    }
}
