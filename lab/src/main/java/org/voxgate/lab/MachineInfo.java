package org.voxgate.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a lab figure was measured on: CPU model, cores, JDK, load average. */
public final class MachineInfo {
    private MachineInfo() {}

    /** e.g. "Intel(R) Xeon(R) Processor, 2 cores, OpenJDK 17.0.15, Linux, load average 3.2". */
    public static String describe() {
        return String.format(Locale.ROOT, "%s, %d cores, %s %s, %s, load average %s", cpuModel(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name", "JVM"),
                System.getProperty("java.version"), System.getProperty("os.name"), loadAverage());
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    static String loadAverage() {
        double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", l);
    }
}
