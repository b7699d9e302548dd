package org.voxgate.sip.internal.dns;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Answers by (name, type) until their TTL runs out: the smallest TTL of the kept records
 * (RFC 2181 section 5.2: the records of one RRset share a TTL), or for "no such records" the
 * negative TTL (RFC 2308 section 5: the SOA's TTL and MINIMUM, the smaller). Bounded: the
 * least recently used entry goes first. TTLs above {@link #MAX_TTL_SECONDS} are cut to it.
 * Thread-safe (one monitor; entries are immutable lists).
 */
public final class DnsCache {
    /** A day: RFC 2308 section 5 suggests caps of one to three hours for negative answers; we cap both at a day. */
    public static final long MAX_TTL_SECONDS = 86_400;

    private record Entry(List<ResourceRecord> records, long expiresAtNanos) {}

    private final LongSupplier nanoClock;
    private final Map<String, Entry> entries;

    /**
     * @param maxEntries bound on (name, type) pairs kept, at least 1
     * @param nanoClock  monotonic nanoseconds ({@code System::nanoTime}; a fake one in tests)
     */
    public DnsCache(int maxEntries, LongSupplier nanoClock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries " + maxEntries);
        }
        this.nanoClock = nanoClock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The cached records (possibly empty: a cached negative answer), or null when not cached or expired. */
    public synchronized List<ResourceRecord> get(String name, int type) {
        String key = key(name, type);
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (nanoClock.getAsLong() - e.expiresAtNanos >= 0) {
            entries.remove(key);
            return null;
        }
        return e.records;
    }

    /** Keeps {@code records} for {@code ttlSeconds} (0: not kept). */
    public synchronized void put(String name, int type, List<ResourceRecord> records, long ttlSeconds) {
        long ttl = Math.min(ttlSeconds, MAX_TTL_SECONDS);
        if (ttl <= 0) {
            return;
        }
        entries.put(key(name, type), new Entry(List.copyOf(records), nanoClock.getAsLong() + ttl * 1_000_000_000L));
    }

    public synchronized int size() {
        return entries.size();
    }

    private static String key(String name, int type) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return n.toLowerCase(Locale.ROOT) + "/" + type;
    }
}
