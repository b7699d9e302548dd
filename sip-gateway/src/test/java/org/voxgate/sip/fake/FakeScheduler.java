package org.voxgate.sip.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.voxgate.sip.internal.schedule.Scheduler;
import org.voxgate.testing.FakeClock;

/** A {@link Scheduler} on a {@link FakeClock}: tasks run inside {@link #advanceMillis}, in due order. */
public final class FakeScheduler implements Scheduler {
    private final FakeClock clock = new FakeClock();
    private final List<Entry> entries = new ArrayList<>();
    private long seq;

    private static final class Entry {
        final long dueNanos;
        final long order;
        final Runnable task;
        boolean cancelled;

        Entry(long dueNanos, long order, Runnable task) {
            this.dueNanos = dueNanos;
            this.order = order;
            this.task = task;
        }
    }

    @Override
    public synchronized Timer schedule(Duration delay, Runnable task) {
        Entry e = new Entry(clock.nanoTime() + delay.toNanos(), seq++, task);
        entries.add(e);
        return () -> {
            synchronized (FakeScheduler.this) {
                e.cancelled = true;
            }
        };
    }

    /** Moves time forward, running every task that falls due, including ones scheduled meanwhile. */
    public void advanceMillis(long millis) {
        long target = clock.nanoTime() + millis * 1_000_000L;
        while (true) {
            Entry next;
            synchronized (this) {
                entries.removeIf(e -> e.cancelled);
                next = entries.stream().filter(e -> e.dueNanos <= target)
                        .min(Comparator.<Entry>comparingLong(e -> e.dueNanos).thenComparingLong(e -> e.order))
                        .orElse(null);
                if (next == null) {
                    break;
                }
                entries.remove(next);
                clock.advance(next.dueNanos - clock.nanoTime(), java.util.concurrent.TimeUnit.NANOSECONDS);
            }
            next.task.run();
        }
        synchronized (this) {
            clock.advance(target - clock.nanoTime(), java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /** Tasks scheduled and not cancelled. */
    public synchronized int pending() {
        return (int) entries.stream().filter(e -> !e.cancelled).count();
    }

    /** The fake clock's time in nanoseconds (starts at one second). */
    public long nanoTime() {
        return clock.nanoTime();
    }
}
