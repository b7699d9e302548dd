package org.voxgate.server.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Counters fed from totals the modules keep, registered the first time a tag set shows up
 * (SIP methods and statuses appear as traffic arrives). A total that reads lower than before
 * (a bridge leg counted neither as open nor as closed for an instant) keeps the old value, so
 * an exported counter never goes backwards.
 */
final class MonotonicCounters {
    private record Key(String name, Tags tags) {}

    private final MeterRegistry registry;
    private final Map<Key, AtomicLong> values = new ConcurrentHashMap<>();

    MonotonicCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Sets the counter {@code name} with {@code tags} to {@code total} unless it is already higher. */
    void set(String name, String description, Tags tags, long total) {
        values.computeIfAbsent(new Key(name, tags), k -> {
            AtomicLong v = new AtomicLong();
            FunctionCounter.builder(name, v, AtomicLong::doubleValue).description(description).tags(tags)
                    .register(registry);
            return v;
        }).accumulateAndGet(total, Math::max);
    }
}
