package org.voxgate.sip.internal.security;

import java.net.InetAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.SecurityReason;

/**
 * The security log: every refusal of suspicious traffic is counted by reason, and written to
 * the logger {@code voxgate.security} as one structured WARN line with source, reason, count
 * and a short detail. To stay quiet under a flood, a (source, reason) pair logs its first
 * occurrence and then at most one summary line per {@link #SUMMARY_INTERVAL_MS} with the count
 * so far; counting never stops. Details are cut to 200 characters and stripped of control
 * characters (they may come from the peer). Never log secrets here. Thread-safe.
 */
public final class SecurityLog {
    public static final String LOGGER = "voxgate.security";
    static final long SUMMARY_INTERVAL_MS = 10_000;
    private static final int MAX_DETAIL = 200;
    private static final int MAX_TRACKED = 10_000;

    private final Logger log;
    private final LongSupplier clockMs;
    private final Map<SecurityReason, AtomicLong> totals = new EnumMap<>(SecurityReason.class);
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    private record Key(String source, SecurityReason reason) {}

    private static final class Entry {
        long count;
        long lastLoggedMs;
        long countAtLastLog;
    }

    public SecurityLog() {
        this(System::currentTimeMillis, LoggerFactory.getLogger(LOGGER));
    }

    /** For tests: a clock in milliseconds and the logger to write to. */
    public SecurityLog(LongSupplier clockMs, Logger log) {
        this.clockMs = clockMs;
        this.log = log;
        for (SecurityReason r : SecurityReason.values()) {
            totals.put(r, new AtomicLong());
        }
    }

    /**
     * Counts and (rate-limited) logs one refusal.
     *
     * @param source the peer's address as seen on the socket (not what Via claims); may be null
     * @param detail what happened, in a few words; may name the method or user agent, never a secret
     */
    public void reject(InetAddress source, SecurityReason reason, String detail) {
        reject(source == null ? "-" : source.getHostAddress(), reason, detail);
    }

    /** As {@link #reject(InetAddress, SecurityReason, String)} with the source already as text. */
    public void reject(String source, SecurityReason reason, String detail) {
        totals.get(reason).incrementAndGet();
        if (entries.size() > MAX_TRACKED) {
            entries.clear(); // a spray of sources: forget the log state, keep the totals
        }
        Entry e = entries.computeIfAbsent(new Key(source, reason), k -> new Entry());
        long now = clockMs.getAsLong();
        long count;
        long since;
        synchronized (e) {
            e.count++;
            count = e.count;
            boolean first = count == 1;
            if (!first && now - e.lastLoggedMs < SUMMARY_INTERVAL_MS) {
                return;
            }
            since = count - e.countAtLastLog;
            e.lastLoggedMs = now;
            e.countAtLastLog = count;
        }
        log.warn("security reject source={} reason={} count={} new={} detail=\"{}\"", source, reason, count, since,
                clean(detail));
    }

    /** Refusals since start for each reason; every reason present. */
    public Map<SecurityReason, Long> totals() {
        Map<SecurityReason, Long> m = new EnumMap<>(SecurityReason.class);
        totals.forEach((r, n) -> m.put(r, n.get()));
        return m;
    }

    /** How many refusals one source has had for one reason (0 when none, or forgotten). */
    public long count(String source, SecurityReason reason) {
        Entry e = entries.get(new Key(source, reason));
        if (e == null) {
            return 0;
        }
        synchronized (e) {
            return e.count;
        }
    }

    static String clean(String detail) {
        if (detail == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(detail.length(), MAX_DETAIL));
        for (int i = 0; i < detail.length() && b.length() < MAX_DETAIL; i++) {
            char c = detail.charAt(i);
            b.append(c < 0x20 || c == 0x7f || c == '"' ? '?' : c);
        }
        return b.toString();
    }
}
