package org.voxgate.lab.report;

import java.io.IOException;
import java.net.URI;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/**
 * A steady measurement window on a node under load: waits until {@code voxgate_calls_active}
 * reaches the run's calls (or the generator ends), lets the last IVR prompts finish, then reads
 * the node's {@code process_cpu_time_ns_total} and {@code voxgate_mixer_late_ticks_total} and
 * the generator's CPU seconds at both ends of the window.
 *
 * @param nodeCores      node CPU-seconds per second over the window
 * @param generatorCores generator CPU-seconds per second over the window
 * @param nodeLateTicks  mixer late ticks in the window
 * @param loadBefore     1-minute load average at the window's start
 * @param loadAfter      at its end
 */
record LoadWindow(double nodeCores, double generatorCores, long nodeLateTicks, String loadBefore, String loadAfter) {
    static final String NODE_CPU = "process_cpu_time_ns_total";
    static final String LATE_TICKS = "voxgate_mixer_late_ticks_total";
    static final String CALLS_ACTIVE = "voxgate_calls_active";

    /**
     * @param generatorCpuSeconds the generator's CPU seconds so far
     * @param generatorRunning    false once the generator has ended
     * @throws IOException when the calls never all came up (the message says how many did)
     */
    static LoadWindow measure(URI metrics, int calls, int windowSeconds, long settleMs, long timeoutMs,
                              DoubleSupplier generatorCpuSeconds, BooleanSupplier generatorRunning)
            throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        double active = 0;
        while (true) {
            active = NodeMetricsText.value(NodeMetricsText.fetch(metrics), CALLS_ACTIVE);
            if (active >= calls) {
                break;
            }
            if (!generatorRunning.getAsBoolean() || System.currentTimeMillis() > deadline) {
                throw new IOException("only " + (long) active + " of " + calls + " calls were up at once");
            }
            Thread.sleep(200);
        }
        Thread.sleep(settleMs);
        String load0 = ProcStat.loadAverage();
        String m0 = NodeMetricsText.fetch(metrics);
        double g0 = generatorCpuSeconds.getAsDouble();
        long t0 = System.nanoTime();
        Thread.sleep(windowSeconds * 1000L);
        String m1 = NodeMetricsText.fetch(metrics);
        double g1 = generatorCpuSeconds.getAsDouble();
        double wall = (System.nanoTime() - t0) / 1e9;
        String load1 = ProcStat.loadAverage();
        double node = (NodeMetricsText.value(m1, NODE_CPU) - NodeMetricsText.value(m0, NODE_CPU)) / 1e9 / wall;
        long late = Math.round(NodeMetricsText.value(m1, LATE_TICKS) - NodeMetricsText.value(m0, LATE_TICKS));
        return new LoadWindow(node, (g1 - g0) / wall, late, load0, load1);
    }
}
