package org.voxgate.lab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of other processes (SIPp, Kamailio) from Linux's {@code /proc/PID/stat}, and the load
 * average from {@code /proc/loadavg}.
 *
 * <pre>
 *   /proc/PID/stat:  pid (comm) state ppid ... utime stime cutime cstime ...
 *                    1   2      3     4        14    15    16     17      (fields, 1-based)
 *   comm may hold spaces and ')', so fields are counted after the LAST ')'.
 * </pre>
 */
final class ProcStat {
    private static volatile long clockTicksPerSecond;

    private ProcStat() {}

    /**
     * utime + stime (fields 14 and 15) of one {@code /proc/PID/stat} line, in clock ticks.
     *
     * @throws IllegalArgumentException when the line has no ')' or too few fields
     */
    static long cpuTicks(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + statLine);
        }
        String[] f = statLine.substring(close + 1).trim().split("\\s+");
        // f[0] is field 3 (state): field n is f[n - 3]
        if (f.length < 13) {
            throw new IllegalArgumentException("too few fields in /proc/PID/stat: " + statLine);
        }
        return Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
    }

    /** CPU seconds (user + system) the process {@code pid} has used; NaN when it is gone. */
    static double cpuSeconds(long pid) {
        try {
            return cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) / (double) clockTicks();
        } catch (IOException | IllegalArgumentException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU seconds of a process and its living descendants (Kamailio forks its workers), summed;
     * a descendant that has gone since is left out (its time then moves to the parent's cutime,
     * which is not counted: measure while the tree is steady). Each process is read with
     * {@link #preciseCpuSeconds} (nanoseconds), else from {@code stat} (clock ticks).
     */
    static double treeCpuSeconds(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        double sum = 0;
        for (ProcessHandle p : all) {
            double s = preciseCpuSeconds(p.pid());
            if (Double.isNaN(s)) {
                s = cpuSeconds(p.pid());
            }
            if (!Double.isNaN(s)) {
                sum += s;
            }
        }
        return sum;
    }

    /**
     * CPU seconds of every thread of {@code pid} from {@code /proc/PID/task/TID/schedstat}
     * (first field: nanoseconds on a CPU), so a cheap process's few milliseconds are not lost to
     * the 10 ms clock ticks of {@code stat}; NaN when the kernel has no schedstat or it is gone.
     */
    static double preciseCpuSeconds(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long ns = 0;
        try (var dirs = Files.list(tasks)) {
            for (Path t : dirs.toList()) {
                try {
                    ns += schedstatNanos(Files.readString(t.resolve("schedstat")));
                } catch (IOException e) {
                    // the thread ended between list and read
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return Double.NaN;
        }
        return ns / 1e9;
    }

    /** The first field of a schedstat line ({@code run_ns wait_ns timeslices}). */
    static long schedstatNanos(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 3) {
            throw new IllegalArgumentException("not a schedstat line: " + line);
        }
        return Long.parseLong(f[0]);
    }

    /** The 1-minute load average (first field of /proc/loadavg), or "n/a". */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** USER_HZ from {@code getconf CLK_TCK}; 100 when that cannot be run. */
    static long clockTicks() {
        long t = clockTicksPerSecond;
        if (t > 0) {
            return t;
        }
        t = 100;
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                t = Long.parseLong(out);
            }
        } catch (IOException | NumberFormatException e) {
            // keep 100, the value on every Linux port in use
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clockTicksPerSecond = t;
        return t;
    }
}
