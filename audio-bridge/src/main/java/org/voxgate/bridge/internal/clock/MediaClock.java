package org.voxgate.bridge.internal.clock;

/** The pool of {@link ClockThread}s; new work goes to the least loaded thread. */
public final class MediaClock implements AutoCloseable {
    /** Names of the clock threads: this prefix and a number from 1. */
    public static final String THREAD_NAME_PREFIX = "voxgate-mixer-";

    private final ClockThread[] threads;

    public MediaClock(int threadCount) {
        if (threadCount < 1) {
            throw new IllegalArgumentException("threadCount < 1");
        }
        threads = new ClockThread[threadCount];
        for (int i = 0; i < threadCount; i++) {
            threads[i] = new ClockThread(THREAD_NAME_PREFIX + (i + 1));
        }
    }

    /** The thread with the fewest tasks. */
    public ClockThread leastLoaded() {
        ClockThread best = threads[0];
        for (ClockThread t : threads) {
            if (t.load() < best.load()) {
                best = t;
            }
        }
        return best;
    }

    /** The busiest thread's {@link ClockThread#loadRatio()}. */
    public double loadRatio() {
        double max = 0;
        for (ClockThread t : threads) {
            max = Math.max(max, t.loadRatio());
        }
        return max;
    }

    @Override
    public void close() {
        for (ClockThread t : threads) {
            t.shutdown();
        }
    }
}
