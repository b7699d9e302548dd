package org.voxgate.lab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.voxgate.lab.chart.ChartRenderer;
import org.voxgate.lab.quality.Impairment;
import org.voxgate.lab.quality.PathResult;

/** The charts of a lab report, as {@link ChartRenderer} specifications built from measured data. */
public final class LabCharts {
    private LabCharts() {}

    /**
     * Histogram of chirp delays: {@code bins} bars of a nice width over [min, max]; NaN values
     * (probes without a clear peak) are left out.
     */
    public static ChartRenderer.BarChart latencyHistogram(String title, List<Double> delaysMs, int bins) {
        double[] d = delaysMs.stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).toArray();
        if (d.length == 0) {
            return new ChartRenderer.BarChart(title, "one-way delay (ms)", "probes", List.of("-"), new double[] {0});
        }
        double min = java.util.Arrays.stream(d).min().orElse(0);
        double max = java.util.Arrays.stream(d).max().orElse(0);
        double width = Math.max(0.125, niceWidth((max - min) / bins));
        double start = Math.floor(min / width) * width;
        int n = (int) Math.floor((max - start) / width) + 1;
        double[] counts = new double[n];
        for (double v : d) {
            counts[Math.min(n - 1, (int) Math.floor((v - start) / width))]++;
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double lo = start + i * width;
            labels.add(width >= 1 ? String.format(Locale.ROOT, "%.0f", lo) : String.format(Locale.ROOT, "%.2f", lo));
        }
        return new ChartRenderer.BarChart(title, "one-way delay (ms, bin start, bins of "
                + String.format(Locale.ROOT, width >= 1 ? "%.0f" : "%.3f", width) + " ms)", "probes", labels, counts);
    }

    private static double niceWidth(double raw) {
        if (!(raw > 0)) {
            return 0.125;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    /**
     * MOS (E-model) against the loss applied, one series per path and loss kind (random, burst);
     * the level without impairment is the 0 % point of each.
     */
    public static ChartRenderer.LineChart lossAgainstMos(List<PathResult> paths) {
        List<ChartRenderer.Series> series = new ArrayList<>();
        for (PathResult p : paths) {
            for (boolean burst : new boolean[] {false, true}) {
                List<double[]> pts = new ArrayList<>();
                for (PathResult.Level l : p.levels()) {
                    Impairment i = l.impairment();
                    boolean none = i.equals(Impairment.NONE);
                    boolean lossOnly = i.lossPercent() > 0 && i.jitterMs() == 0 && i.reorderPercent() == 0
                            && i.bursty() == burst;
                    if (none || lossOnly) {
                        pts.add(new double[] {l.lossPercent(), l.mos()});
                    }
                }
                if (pts.size() < 2) {
                    continue;
                }
                pts.sort((a, b) -> Double.compare(a[0], b[0]));
                series.add(new ChartRenderer.Series(p.name().split(" ")[0] + (burst ? ", burst loss" : ", random loss"),
                        pts.stream().mapToDouble(v -> v[0]).toArray(), pts.stream().mapToDouble(v -> v[1]).toArray()));
            }
        }
        return new ChartRenderer.LineChart("MOS (G.107 E-model) against packet loss", "loss applied to the caller's "
                + "stream (%)", "MOS", series, 1, 4.5);
    }

    /** A point of the CPU chart: calls up, node cores, generator cores. */
    public record CpuPoint(int participants, double nodeCores, double generatorCores) {}

    public static ChartRenderer.LineChart cpuAgainstParticipants(List<CpuPoint> points) {
        double[] x = points.stream().mapToDouble(CpuPoint::participants).toArray();
        return new ChartRenderer.LineChart("CPU against participants (one meeting, 2 talkers)", "participants (calls up)",
                "cores (CPU-seconds per second)", List.of(
                new ChartRenderer.Series("node", x, points.stream().mapToDouble(CpuPoint::nodeCores).toArray()),
                new ChartRenderer.Series("generator (lab load)", x,
                        points.stream().mapToDouble(CpuPoint::generatorCores).toArray())), 0, Double.NaN);
    }

    /**
     * A sample of a soak run: seconds since the first sample, the node's late-tick counter and
     * the machine's 1-minute load average.
     */
    public record SoakPoint(double seconds, double lateTicksTotal, double load1) {}

    /**
     * Two panels over the same minutes into the hold (for {@link ChartRenderer#stack}): late ticks
     * per minute as steps (each interval's increase of the counter over its length, flat from the
     * interval's start to its end), then the machine's 1-minute load average at each sample; both
     * from 0 and both spanning the first to the last sample.
     */
    public static List<ChartRenderer.LineChart> soak(List<SoakPoint> points) {
        int n = points.size();
        double[] lx = new double[Math.max(0, 2 * (n - 1))];
        double[] ly = new double[lx.length];
        for (int i = 1; i < n; i++) {
            SoakPoint a = points.get(i - 1);
            SoakPoint b = points.get(i);
            double perMinute = b.seconds() > a.seconds()
                    ? (b.lateTicksTotal() - a.lateTicksTotal()) * 60 / (b.seconds() - a.seconds()) : 0;
            lx[2 * i - 2] = a.seconds() / 60;
            lx[2 * i - 1] = b.seconds() / 60;
            ly[2 * i - 2] = perMinute;
            ly[2 * i - 1] = perMinute;
        }
        double[] x = points.stream().mapToDouble(p -> p.seconds() / 60).toArray();
        double[] load = points.stream().mapToDouble(SoakPoint::load1).toArray();
        return List.of(
                new ChartRenderer.LineChart("Soak: node mixer late ticks per minute", "minutes into the steady hold",
                        "late ticks per minute", List.of(new ChartRenderer.Series("mixer late ticks per minute", lx, ly)),
                        0, Double.NaN),
                new ChartRenderer.LineChart("Machine load average over the same minutes (/proc/loadavg, 1 min)",
                        "minutes into the steady hold", "load average", List.of(
                        new ChartRenderer.Series("load average, 1 min", x, load)), 0, Double.NaN));
    }
}
