package org.voxgate.bridge.internal.event;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The bridge's event threads. {@link #serial()} gives each leg its own ordered lane. */
public final class EventDispatcher implements AutoCloseable {
    private final ExecutorService pool;

    public EventDispatcher(int threads) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "voxgate-bridge-event-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A new lane: tasks given to it run one at a time, in submission order. */
    public SerialExecutor serial() {
        return new SerialExecutor(pool);
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
