package org.voxgate.bridge.internal.clock;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One media clock thread. Tasks scheduled here tick on this thread only, so a conference (and
 * each leg's play-out state while it is part of one) is touched by a single thread without
 * locks. Other threads talk to it with {@link #execute}: the runnable runs on this thread before
 * the next tick. Deadlines are kept on {@link System#nanoTime()}: a task falling more than five
 * periods behind skips ahead instead of bursting.
 */
public final class ClockThread {
    private static final Logger log = LoggerFactory.getLogger(ClockThread.class);
    private static final long IDLE_PARK_NANOS = 50_000_000L;
    /** The load ratio is the busy share of each such period of wall time. */
    private static final long LOAD_PERIOD_NANOS = 1_000_000_000L;

    private final Thread thread;
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final List<Entry> entries = new ArrayList<>();
    private final AtomicInteger load = new AtomicInteger();
    private volatile boolean running = true;
    private long loadPeriodStart = System.nanoTime();
    private long busyNanos;
    private volatile double loadRatio;

    private static final class Entry {
        final ClockTask task;
        final long period;
        long due;
        boolean cancelled;

        Entry(ClockTask task, long due) {
            this.task = task;
            this.period = task.periodNanos();
            this.due = due;
        }
    }

    /** Handle to stop a scheduled task. */
    public final class Registration {
        private final Entry entry;

        private Registration(Entry entry) {
            this.entry = entry;
        }

        /** Stops the task; it does not tick after the cancel ran on the clock thread. */
        public void cancel() {
            execute(() -> {
                if (!entry.cancelled) {
                    entry.cancelled = true;
                    entries.remove(entry);
                    load.decrementAndGet();
                }
            });
        }

        public ClockThread thread() {
            return ClockThread.this;
        }
    }

    ClockThread(String name) {
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.setPriority(Thread.MAX_PRIORITY);
        this.thread.start();
    }

    /** Runs {@code r} on this thread before its next tick. */
    public void execute(Runnable r) {
        commands.add(r);
        LockSupport.unpark(thread);
    }

    /** Starts ticking {@code task}, first one period from now. */
    public Registration schedule(ClockTask task) {
        Entry e = new Entry(task, 0);
        load.incrementAndGet();
        execute(() -> {
            e.due = System.nanoTime() + e.period;
            entries.add(e);
        });
        return new Registration(e);
    }

    /** Whether the caller runs on this clock thread. */
    public boolean inThread() {
        return Thread.currentThread() == thread;
    }

    int load() {
        return load.get();
    }

    /**
     * Share of the last full second this thread spent running commands and ticks (0..1),
     * measured on the thread with two clock reads per loop; 0 before the first second ends.
     */
    double loadRatio() {
        return loadRatio;
    }

    void shutdown() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accountBusy(long from, long to) {
        busyNanos += to - from;
        long period = to - loadPeriodStart;
        if (period >= LOAD_PERIOD_NANOS) {
            loadRatio = Math.min(1.0, (double) busyNanos / period);
            busyNanos = 0;
            loadPeriodStart = to;
        }
    }

    private void run() {
        while (running) {
            long busyFrom = System.nanoTime();
            Runnable c;
            while ((c = commands.poll()) != null) {
                try {
                    c.run();
                } catch (RuntimeException | Error e) {
                    log.error("clock command failed", e);
                }
            }
            long now = System.nanoTime();
            long next = now + IDLE_PARK_NANOS;
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                if (now - e.due >= 0) {
                    if (now - e.due > e.period / 2) {
                        e.task.onLateTick();
                    }
                    try {
                        e.task.tick(now);
                    } catch (RuntimeException | Error ex) {
                        log.error("clock task failed", ex);
                    }
                    e.due += e.period;
                    if (now - e.due > 5 * e.period) {
                        e.due = now + e.period;
                    }
                }
                if (e.due - next < 0) {
                    next = e.due;
                }
            }
            long done = System.nanoTime();
            accountBusy(busyFrom, done);
            long wait = next - done;
            if (wait > 0 && commands.isEmpty()) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }
}
