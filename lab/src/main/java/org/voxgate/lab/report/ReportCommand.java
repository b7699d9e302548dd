package org.voxgate.lab.report;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.voxgate.lab.MachineInfo;
import org.voxgate.lab.chart.ChartRenderer;
import org.voxgate.lab.load.LoadPlan;
import org.voxgate.lab.load.LoadResult;
import org.voxgate.lab.load.LoadRunner;
import org.voxgate.lab.node.ChildNode;
import org.voxgate.lab.quality.Impairment;
import org.voxgate.lab.quality.PathResult;
import org.voxgate.lab.quality.QualityPlan;
import org.voxgate.lab.quality.QualityReport;
import org.voxgate.lab.quality.QualityResult;
import org.voxgate.lab.quality.QualityRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code voxgate lab report}: starts a node in a child JVM, runs load at several participant
 * counts and the quality measurement against it, draws the charts into {@code docs/charts} and
 * rewrites the generated sections of {@code docs/BENCHMARKS.md}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Runs lab load (CPU against participants) and lab quality (with its direct-RTP reference) "
                + "against a node it starts in a child JVM, writes PNG charts and rewrites the sections of "
                + "BENCHMARKS.md between <!-- lab:load-cpu:begin/end --> and <!-- lab:quality:begin/end --> "
                + "(added at the end when missing). Hand-written text is left alone."})
public final class ReportCommand implements Callable<Integer> {
    private static final String CODE = "2468";

    @Option(names = "--quick", description = "short runs: 10 and 20 participants held 6 s, quality --quick")
    boolean quick;

    @Option(names = "--participants", split = ",", description = "load points (default 10,25,50; --quick 10,20)")
    List<Integer> participants;

    @Option(names = "--hold", description = "seconds each load point stays up (default 15, --quick 6)")
    Integer hold;

    @Option(names = "--benchmarks", defaultValue = "docs/BENCHMARKS.md", description = "file to rewrite (default ${DEFAULT-VALUE})")
    Path benchmarks;

    @Option(names = "--charts", defaultValue = "docs/charts", description = "PNG directory (default ${DEFAULT-VALUE})")
    Path charts;

    @Option(names = "--seed", defaultValue = "1", description = "impairment seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        List<Integer> points = participants != null ? participants : quick ? List.of(10, 20) : List.of(10, 25, 50);
        int holdS = hold != null ? hold : quick ? 6 : 15;
        String machine = MachineInfo.describe();
        String date = LocalDate.now(ZoneOffset.UTC).toString();
        String command = "voxgate lab report" + (quick ? " --quick" : "") + (participants != null ? " --participants "
                + String.join(",", participants.stream().map(String::valueOf).toList()) : "")
                + (hold != null ? " --hold " + hold : "");
        List<LabCharts.CpuPoint> cpu = new ArrayList<>();
        List<LoadResult> loads = new ArrayList<>();
        QualityResult quality;
        int max = points.stream().mapToInt(Integer::intValue).max().orElse(10);
        System.err.println("lab report: starting a node (child JVM)");
        try (ChildNode node = new ChildNode(CODE, max + 20)) {
            System.err.println("lab report: warm-up (10 calls, not reported)");
            new LoadRunner(new LoadPlan("127.0.0.1", node.sipPort(), "127.0.0.1", 10, 10, 3, "conference",
                    List.of(CODE), false, "", 2, 800, 10_000, null), null).run();
            Thread.sleep(2000);
            for (int n : points) {
                System.err.println("lab report: load, " + n + " participants");
                LoadPlan plan = new LoadPlan("127.0.0.1", node.sipPort(), "127.0.0.1", n, 10, holdS, "conference",
                        List.of(CODE), false, "", 2, 800, 10_000, node.metricsUri());
                long cpu0 = processCpuNanos();
                long t0 = System.nanoTime();
                LoadResult r = new LoadRunner(plan, System.err).run();
                double wall = (System.nanoTime() - t0) / 1e9;
                double generator = (processCpuNanos() - cpu0) / 1e9 / wall;
                loads.add(r);
                cpu.add(new LabCharts.CpuPoint(n, r.nodeCores(), generator));
                Thread.sleep(2000); // the last calls' BYEs settle before the next point
            }
            System.err.println("lab report: quality");
            QualityPlan qp = new QualityPlan("127.0.0.1", node.sipPort(), "127.0.0.1", "conference", CODE, "",
                    quick ? 5 : 20, quick ? 2 : 4, quick ? QualityPlan.quickLevels() : QualityPlan.fullLevels(),
                    quick ? 4 : 10, quick ? List.of(Impairment.NONE, Impairment.loss(5))
                            : List.of(Impairment.NONE, Impairment.loss(5), Impairment.burst(5, 3), Impairment.jitter(30)),
                    true, seed);
            quality = new QualityRunner(qp, System.err).run();
        }
        Files.createDirectories(charts);
        Path docDir = benchmarks.toAbsolutePath().getParent();
        String rel = docDir == null ? charts.toString() : docDir.relativize(charts.toAbsolutePath()).toString();
        ChartRenderer.writePng(ChartRenderer.render(LabCharts.cpuAgainstParticipants(cpu), 800, 420),
                charts.resolve("cpu-participants.png"));
        List<PathResult> paths = new ArrayList<>();
        if (quality.node() != null) {
            paths.add(quality.node());
            ChartRenderer.writePng(ChartRenderer.render(LabCharts.latencyHistogram(
                    "One-way delay through the node (chirp probes)", quality.node().probeDelayMs(), 12), 800, 420),
                    charts.resolve("latency-histogram.png"));
        }
        if (quality.reference() != null) {
            paths.add(quality.reference());
        }
        ChartRenderer.writePng(ChartRenderer.render(LabCharts.lossAgainstMos(paths), 800, 420),
                charts.resolve("loss-mos.png"));

        String doc = Files.readString(benchmarks);
        doc = MarkedSections.replace(doc, "load-cpu", loadSection(cpu, loads, machine, command, date, holdS, rel), null);
        doc = MarkedSections.replace(doc, "quality", qualitySection(quality, machine, command, date, rel), null);
        Files.writeString(benchmarks, doc);
        System.out.println("lab report: rewrote " + benchmarks + " and " + charts);
        return quality.failure() == null && loads.stream().allMatch(l -> l.failed() == 0) ? 0 : 1;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    static String loadSection(List<LabCharts.CpuPoint> cpu, List<LoadResult> loads, String machine, String command,
                              String date, int holdS, String charts) {
        StringBuilder b = new StringBuilder("### CPU against participants (generated by `voxgate lab report`)\n\n");
        b.append("Measured ").append(date).append(" with `").append(command).append("` on ").append(machine)
                .append(". A node in a child JVM (default settings, H2, admin off) on loopback; `lab load` places the "
                        + "calls at 10/s into one meeting through the IVR (access code as RFC 4733), 2 talkers, holds "
                        + "them ").append(holdS).append(" s, after a warm-up run of 10 calls that is not reported. "
                        + "Node cores: mean of its `process_cpu_usage` (read every "
                        + "second) times its cores; generator cores, the reference in the same run: the lab JVM's "
                        + "CPU time over the run's wall time. The SIPp reference is in the hand-written section "
                        + "above.\n\n");
        b.append("| participants | answered | failed | node cores | node ms CPU per call-second | generator cores | RTP loss "
                + "| set-up p50 | heard another talker |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < cpu.size(); i++) {
            LabCharts.CpuPoint p = cpu.get(i);
            LoadResult r = loads.get(i);
            long[] media = r.mediaTotals();
            long lost = media[0];
            long expected = media[1];
            long heard = media[2];
            b.append(String.format(Locale.ROOT, "| %d | %d | %d | %.3f | %.2f | %.3f | %.3f%% | %.1f ms | %d of %d |%n",
                    p.participants(), r.answered(), r.failed(), p.nodeCores(), p.nodeCores() * 1000 / p.participants(),
                    p.generatorCores(), expected == 0 ? 0 : 100.0 * lost / expected, r.setupP50Ms(), heard,
                    r.legs().size()));
        }
        b.append("\n![CPU against participants](").append(charts).append("/cpu-participants.png)\n");
        return b.toString();
    }

    static String qualitySection(QualityResult q, String machine, String command, String date, String charts) {
        StringBuilder b = new StringBuilder("## Audio quality (generated by `voxgate lab report`)\n\n");
        b.append("Measured ").append(date).append(" with `").append(command).append("` on ").append(machine)
                .append(", the same child-JVM node as the load figures above; run ")
                .append(String.format(Locale.ROOT, "%.0f s, impairment seed %d. ", q.seconds(), q.plan().seed()))
                .append("Reference in the same run: the same program from caller A straight to caller B's RTP "
                        + "socket on loopback, no node. See `lab/README.md` (`lab quality`) for the method.\n\n");
        b.append(QualityReport.body(q, "###"));
        b.append("\n![One-way delay histogram](").append(charts).append("/latency-histogram.png)\n\n");
        b.append("![MOS against loss](").append(charts).append("/loss-mos.png)\n");
        return b.toString();
    }
}
