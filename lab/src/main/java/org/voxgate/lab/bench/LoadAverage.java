package org.voxgate.lab.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The 1-, 5- and 15-minute load averages, printed next to every figure of a shared machine. */
public final class LoadAverage {
    private LoadAverage() {}

    /** @return e.g. "0.93 1.84 2.16" from /proc/loadavg, else the JVM's 1-minute figure, else "n/a" */
    public static String now() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            if (f.length >= 3) {
                return f[0] + " " + f[1] + " " + f[2];
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", l);
    }

    /** @return the 1-minute figure of {@link #now()}, NaN when unknown */
    public static double oneMinute() {
        try {
            return Double.parseDouble(now().split(" ")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
