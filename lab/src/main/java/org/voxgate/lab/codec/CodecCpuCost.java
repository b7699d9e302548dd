package org.voxgate.lab.codec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.IntSupplier;

import org.voxgate.bridge.internal.codec.AudioCodec;

/**
 * The same operations as {@link CodecEncodeBenchmark}, {@link CodecDecodeBenchmark} and
 * {@link OpusConferenceBenchmark}, measured in <em>thread CPU time</em> per operation (median of
 * nine rounds after warm-up). On a machine shared with other work, wall-clock JMH scores include
 * the time the thread waited for a core; CPU time does not, so it is the number to plan capacity
 * with.
 *
 * <pre>
 * java -cp lab/target/benchmarks.jar org.voxgate.lab.codec.CodecCpuCost
 * </pre>
 */
public final class CodecCpuCost {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CodecCpuCost() {}

    /** Median CPU nanoseconds per call of {@code op}. */
    static double cpuNanosPerOp(IntSupplier op, int opsPerRound) {
        int sink = 0;
        for (int i = 0; i < opsPerRound * 3; i++) {
            sink += op.getAsInt();
        }
        double[] rounds = new double[9];
        for (int r = 0; r < rounds.length; r++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < opsPerRound; i++) {
                sink += op.getAsInt();
            }
            rounds[r] = (double) (THREADS.getCurrentThreadCpuTime() - t0) / opsPerRound;
        }
        if (sink == 42) {
            System.out.print("");
        }
        java.util.Arrays.sort(rounds);
        return rounds[rounds.length / 2];
    }

    public static void main(String[] args) throws Exception {
        System.out.println("| codec | mix rate | encode per 20 ms frame (us CPU) |");
        System.out.println("|---|---|---|");
        for (String codec : new String[] {"PCMU", "G722", "OPUS", "L16"}) {
            for (int rate : new int[] {8000, 16000, 48000}) {
                CodecEncodeBenchmark b = new CodecEncodeBenchmark();
                b.codec = codec;
                b.mixRateHz = rate;
                b.setUp();
                double ns = cpuNanosPerOp(b::encodeFrame, "OPUS".equals(codec) ? 200 : 2000);
                b.tearDown();
                System.out.printf("| %s | %d | %.2f |%n", codec, rate, ns / 1000);
            }
        }
        System.out.println();
        System.out.println("| codec | audio rate | decode per 20 ms packet (us CPU) | conceal + decode (us CPU) |");
        System.out.println("|---|---|---|---|");
        for (String codec : new String[] {"PCMU", "G722", "OPUS", "L16"}) {
            CodecDecodeBenchmark b = new CodecDecodeBenchmark();
            b.codec = codec;
            b.setUp();
            int ops = "OPUS".equals(codec) ? 500 : 2000;
            double dec = cpuNanosPerOp(b::decodePacket, ops);
            double conceal = cpuNanosPerOp(b::concealThenDecode, ops);
            b.tearDown();
            System.out.printf("| %s | %d | %.2f | %.2f |%n", codec, AudioCodec.valueOf(codec).sampleRateHz(),
                    dec / 1000, conceal / 1000);
        }
        System.out.println();
        System.out.println("| Opus participants, 3 talkers | tick (us CPU) | per participant (us) | participants per core at 20 ms |");
        System.out.println("|---|---|---|---|");
        for (int n : new int[] {10, 100}) {
            OpusConferenceBenchmark b = new OpusConferenceBenchmark();
            b.participants = n;
            b.setUp();
            double ns = cpuNanosPerOp(b::tick, n >= 100 ? 20 : 100);
            b.tearDown();
            double per = ns / n;
            System.out.printf("| %d | %.0f | %.1f | %.0f |%n", n, ns / 1000, per / 1000, 20e6 / per);
        }
    }
}
