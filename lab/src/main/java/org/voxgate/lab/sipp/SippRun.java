package org.voxgate.lab.sipp;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One SIPp run as a reference generator: started in {@code workDir} with {@code -trace_rtt
 * -rtt_freq 1} among its arguments, so its set-up times (INVITE to 200, the scenario's
 * {@code rtd}) land in {@code *_rtt.csv} there.
 */
public final class SippRun implements AutoCloseable {
    private final Process process;
    private final Path workDir;

    private SippRun(Process process, Path workDir) {
        this.process = process;
        this.workDir = workDir;
    }

    public static SippRun start(Path sipp, Path workDir, List<String> args) throws IOException {
        Files.createDirectories(workDir);
        List<String> cmd = new ArrayList<>();
        cmd.add(sipp.toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("sipp.out").toFile()).start();
        return new SippRun(p, workDir);
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** @return SIPp's exit code (0: every call succeeded), or -1 when it did not end in time (it is then killed) */
    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            close();
            return -1;
        }
        return process.exitValue();
    }

    /** Set-up times in ms from the rtt files in the work directory. */
    public List<Double> setupMs() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.list(workDir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith("_rtt.csv")).toList()) {
                lines.addAll(Files.readAllLines(f));
            }
        }
        return parseRtt(lines);
    }

    /** The times (ms since SIPp started) at which the answers came, from the rtt files, in order. */
    public List<Double> answerTimesMs() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.list(workDir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith("_rtt.csv")).toList()) {
                lines.addAll(Files.readAllLines(f));
            }
        }
        List<Double> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split(";");
            try {
                out.add(Double.parseDouble(f[0].trim()));
            } catch (NumberFormatException e) {
                // header
            }
        }
        Collections.sort(out);
        return out;
    }

    /**
     * The response times of SIPp's {@code -trace_rtt} file ({@code Date_ms;response_time_ms;rtd_no}
     * per line, a header first); lines whose second field is not a number are skipped.
     */
    public static List<Double> parseRtt(List<String> lines) {
        List<Double> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split(";");
            if (f.length < 2) {
                continue;
            }
            try {
                out.add(Double.parseDouble(f[1].trim()));
            } catch (NumberFormatException e) {
                // header
            }
        }
        return out;
    }

    /** Nearest-rank percentile, NaN for no values. */
    public static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** An even base of {@code count} consecutive free loopback UDP ports in 20000-29999. */
    public static int freeUdpPorts(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 30_000 - count) & ~1;
            boolean ok = true;
            for (int p = base; p < base + count && ok; p++) {
                try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), p))) {
                    ok = true;
                } catch (IOException e) {
                    ok = false;
                }
            }
            if (ok) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " free UDP ports");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
