package org.voxgate.lab.jitter;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.voxgate.bridge.internal.jitter.JitterBuffer;
import org.voxgate.lab.bench.BenchmarkDefaults;

/**
 * One packet through the jitter buffer: insert on arrival, then the play-out poll of its
 * 20 ms frame, as a leg does per packet. Arrivals follow a pre-computed schedule with
 * {@code jitterMs} of uniform delay variation (so some packets arrive reordered) and 1% loss;
 * the schedule repeats every 4096 packets with the clock and sequence numbers running on,
 * across the 16-bit wrap.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(BenchmarkDefaults.FORKS)
@Warmup(iterations = BenchmarkDefaults.WARMUP_ITERATIONS, time = BenchmarkDefaults.WARMUP_SECONDS)
@Measurement(iterations = BenchmarkDefaults.MEASUREMENT_ITERATIONS, time = BenchmarkDefaults.MEASUREMENT_SECONDS)
public class JitterBufferBenchmark {

    private static final int SCHEDULE = 4096;
    private static final long PACKET_NANOS = 20_000_000L;

    @Param({"0", "40"})
    public int jitterMs;

    private JitterBuffer buffer;
    private final byte[] payload = new byte[160];
    private final byte[] out = new byte[512];
    private final int[] order = new int[SCHEDULE];
    private final long[] arrivalOffset = new long[SCHEDULE];
    private final boolean[] dropped = new boolean[SCHEDULE];
    private long round;
    private int index;

    @Setup
    public void setup() {
        buffer = new JitterBuffer(8000, 20, 20, 200, 512);
        SplittableRandom random = new SplittableRandom(42);
        long[] arrival = new long[SCHEDULE];
        Integer[] byArrival = new Integer[SCHEDULE];
        for (int i = 0; i < SCHEDULE; i++) {
            arrival[i] = i * PACKET_NANOS + (jitterMs == 0 ? 0 : random.nextLong(jitterMs * 1_000_000L));
            byArrival[i] = i;
            dropped[i] = random.nextInt(100) == 0;
        }
        java.util.Arrays.sort(byArrival, (a, b) -> Long.compare(arrival[a], arrival[b]));
        for (int i = 0; i < SCHEDULE; i++) {
            order[i] = byArrival[i];
            arrivalOffset[i] = arrival[byArrival[i]];
        }
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (0x55 ^ i);
        }
    }

    /** Insert one packet (unless lost) and poll one frame at the same instant. */
    @Benchmark
    public int insertAndPoll() {
        int k = order[index];
        long base = round * SCHEDULE;
        long now = 1_000_000_000L + (base * PACKET_NANOS) + arrivalOffset[index];
        if (!dropped[k]) {
            long packet = base + k + 60_000; // start close to the sequence wrap
            buffer.insert((int) (packet & 0xFFFF), (packet * 160) & 0xFFFFFFFFL, payload, 0, payload.length, now);
        }
        int n = buffer.poll(now, out);
        if (++index == SCHEDULE) {
            index = 0;
            round++;
        }
        return n;
    }
}
