package org.voxgate.sip.internal.schedule;

import java.time.Duration;

/** Runs a task once after a delay. Thread-safe. */
public interface Scheduler {

    /** A scheduled task that may still be cancelled. */
    interface Timer {
        /** Cancels the task if it has not started; no-op otherwise. */
        void cancel();
    }

    /**
     * @param delay at least zero
     * @param task  runs on a scheduler thread; an exception it throws is logged and dropped
     */
    Timer schedule(Duration delay, Runnable task);
}
