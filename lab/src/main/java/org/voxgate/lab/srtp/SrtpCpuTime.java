package org.voxgate.lab.srtp;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The work of {@link SrtpBenchmark} and {@link JitsiSrtpBenchmark} (the same state classes and
 * methods) timed in thread CPU time instead of wall-clock time: on a machine shared with other
 * builds, time spent descheduled does not count. Like JMH, every measurement runs in a fresh JVM
 * (this class starts them), so the two libraries never share a JIT profile of the JDK's crypto
 * classes; for each case the two run back to back. A result is the best of
 * {@code ROUNDS - WARMUP_ROUNDS} runs of {@code OPS} operations after {@code WARMUP_ROUNDS} runs
 * for the JIT.
 *
 * <p>Caveat: thread CPU time leaves out the garbage collector's and the JIT's threads, so it
 * flatters a library that allocates per packet (jitsi-srtp: 88 to 240 B); it is a second view
 * next to the JMH figures, not a replacement.
 *
 * <pre>taskset -c 0 java -cp lab/target/benchmarks.jar org.voxgate.lab.srtp.SrtpCpuTime</pre>
 *
 * Each case's JVM runs with {@link SrtpBenchmark#OPENS} and {@link SrtpBenchmark#OPENS_GCM};
 * {@code -Dvoxgate.srtp.hmacFastPath=false} / {@code -Dvoxgate.srtp.ghashFastPath=false} on this
 * command measure Voxgate's fallbacks instead.
 *
 * Output, one line per case: profile payload op voxgate-ns jitsi-ns jitsi/voxgate.
 */
public final class SrtpCpuTime {
    private static final int OPS = 200_000;
    private static final int ROUNDS = 25;
    private static final int WARMUP_ROUNDS = 8;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SrtpCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4) {
            System.out.println(measure(args[0].equals("jitsi"), args[1], Integer.parseInt(args[2]),
                    args[3].equals("roundTrip")));
            return;
        }
        for (int payload : new int[] {160, 1000}) {
            for (String profile : new String[] {"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"}) {
                for (String op : new String[] {"protect", "roundTrip"}) {
                    double vox = fork("voxgate", profile, payload, op);
                    double jitsi = fork("jitsi", profile, payload, op);
                    System.out.printf("%s %d %s %.1f %.1f %.2f%n", profile, payload, op, vox, jitsi, jitsi / vox);
                }
            }
        }
    }

    private static final String FAST_PATH = "voxgate.srtp.hmacFastPath";
    private static final String GCM_FAST_PATH = "voxgate.srtp.ghashFastPath";

    private static double fork(String impl, String profile, int payload, String op) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        String hmac = "-D" + FAST_PATH + "=" + System.getProperty(FAST_PATH, "true");
        String ghash = "-D" + GCM_FAST_PATH + "=" + System.getProperty(GCM_FAST_PATH, "true");
        Process p = new ProcessBuilder(List.of(java, SrtpBenchmark.OPENS, SrtpBenchmark.OPENS_GCM, hmac, ghash, "-cp",
                System.getProperty("java.class.path"),
                SrtpCpuTime.class.getName(), impl, profile, Integer.toString(payload), op))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(impl + " " + profile + " " + payload + " " + op + " failed");
        }
        return Double.parseDouble(out);
    }

    private static double measure(boolean jitsi, String profile, int payload, boolean roundTrip) throws Exception {
        IntSupplier op;
        if (jitsi) {
            JitsiSrtpBenchmark j = new JitsiSrtpBenchmark();
            j.profile = profile;
            j.payload = payload;
            j.setup();
            op = () -> {
                try {
                    return roundTrip ? j.roundTrip() : j.protect();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
        } else {
            SrtpBenchmark v = new SrtpBenchmark();
            v.profile = profile;
            v.payload = payload;
            v.setup();
            op = roundTrip ? v::roundTrip : v::protect;
        }
        long best = Long.MAX_VALUE;
        int sink = 0;
        for (int r = 0; r < ROUNDS; r++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < OPS; i++) {
                sink += op.getAsInt();
            }
            long elapsed = THREADS.getCurrentThreadCpuTime() - start;
            if (r >= WARMUP_ROUNDS) {
                best = Math.min(best, elapsed);
            }
        }
        if (sink == 42) {
            System.err.println(sink); // keeps the results alive
        }
        return best / (double) OPS;
    }
}
