package org.voxgate.lab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.voxgate.lab.load.LoadCodec;
import org.voxgate.lab.load.LoadPlan;
import org.voxgate.lab.load.LoadResult;
import org.voxgate.lab.load.LoadRunner;
import org.voxgate.lab.node.ChildNode;
import org.voxgate.server.metrics.PrometheusText;

/**
 * "G.711 and Opus under the same load": into one child-JVM node, the same {@code lab load} run
 * first in PCMU (the reference) then in Opus; the node's CPU per call-second per codec and their
 * ratio. Settings: {@code load-codecs.calls} (default 60, quick 10; meetings of
 * {@code load-codecs.per-meeting}, default 10, 2 talkers each), {@code load-codecs.hold} (seconds,
 * 20; quick 6).
 */
final class LoadCodecsSection implements ReportSection {
    static final String DEMO_CODE = "2468";
    private static final List<LoadCodec> CODECS = List.of(LoadCodec.PCMU, LoadCodec.OPUS);

    @Override
    public String name() {
        return "load-codecs";
    }

    @Override
    public String description() {
        return "node CPU per call-second, PCMU (reference) against Opus, same load into a child-JVM node";
    }

    @Override
    public String before() {
        return "<!-- lab:quality:begin -->";
    }

    /** One codec's run. */
    record Point(LoadCodec codec, LoadResult result, double generatorCores, String loadStart, String loadEnd) {}

    @Override
    public SectionResult run(ReportContext ctx) throws Exception {
        int calls = ctx.intSetting("load-codecs.calls", 60, 10);
        int perMeeting = ctx.intSetting("load-codecs.per-meeting", 10, 10);
        int holdS = ctx.intSetting("load-codecs.hold", 20, 6);
        int rate = ctx.intSetting("load-codecs.rate", 5, 5);
        if (calls < 1 || perMeeting < 1 || holdS < 0 || rate < 1) {
            throw new IllegalArgumentException("load-codecs: calls >= 1, per-meeting >= 1, hold >= 0, rate >= 1");
        }
        int meetings = (calls + perMeeting - 1) / perMeeting;
        int idleS = ctx.quick() ? 4 : 10;
        double idleCores;
        List<String> codes = new ArrayList<>();
        List<Point> points = new ArrayList<>();
        long t0 = System.nanoTime();
        ctx.say(name(), "starting a node (child JVM, admin API for " + meetings + " meetings)");
        try (ChildNode node = new ChildNode(new ChildNode.Options(DEMO_CODE, calls, true, false, Map.of()))) {
            for (int m = 0; m < meetings; m++) {
                String code = Integer.toString(720_001 + m);
                node.createMeeting("lab-codecs-" + (m + 1), code, perMeeting + 5);
                codes.add(code);
            }
            LoadPlan base = new LoadPlan("127.0.0.1", node.sipPort(), "127.0.0.1", calls, rate, holdS, "conference",
                    codes, false, "", 2, 800, 10_000, node.metricsUri());
            for (LoadCodec c : CODECS) {
                ctx.say(name(), "warm-up in " + label(c) + " (10 calls, not reported)");
                new LoadRunner(new LoadPlan("127.0.0.1", node.sipPort(), "127.0.0.1", 10, rate, 3, "conference",
                        List.of(DEMO_CODE), false, "", 2, 800, 10_000, null).withCodec(c), null).run();
                Thread.sleep(2000);
            }
            ctx.say(name(), "idle node, " + idleS + " s");
            idleCores = idleCores(node.metricsUri(), idleS);
            for (LoadCodec c : CODECS) {
                ctx.say(name(), calls + " calls in " + label(c));
                String loadStart = loadAverage();
                long cpu0 = LoadCpuSection.processCpuNanos();
                long w0 = System.nanoTime();
                LoadResult r = new LoadRunner(base.withCodec(c), ctx.progress()).run();
                double wall = (System.nanoTime() - w0) / 1e9;
                double generator = (LoadCpuSection.processCpuNanos() - cpu0) / 1e9 / wall;
                points.add(new Point(c, r, generator, loadStart, loadAverage()));
                Thread.sleep(2000); // the BYEs settle before the next codec
            }
        }
        double minutes = (System.nanoTime() - t0) / 60e9;
        boolean ok = points.stream().allMatch(p -> p.result().failed() == 0
                && p.result().answered() == p.result().placed());
        return new SectionResult(markdown(points, ctx, calls, rate, meetings, holdS, minutes, idleCores, idleS), ok);
    }

    /** The node's CPU time over {@code seconds} with no call, in cores (its fixed cost); NaN when unreadable. */
    static double idleCores(java.net.URI metrics, int seconds) throws InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String a = scrape(http, metrics);
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        String b = scrape(http, metrics);
        double wall = (System.nanoTime() - t0) / 1e9;
        if (a == null || b == null) {
            return Double.NaN;
        }
        return (PrometheusText.sum(b, "process_cpu_time_ns_total") - PrometheusText.sum(a, "process_cpu_time_ns_total"))
                / 1e9 / wall;
    }

    private static String scrape(java.net.http.HttpClient http, java.net.URI uri) throws InterruptedException {
        try {
            java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(uri)
                    .timeout(java.time.Duration.ofSeconds(3)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** "1.23 0.98 0.77" (1, 5 and 15 minutes) from /proc/loadavg, else the JVM's 1-minute figure. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return l < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", l);
        }
    }

    static String markdown(List<Point> points, ReportContext ctx, int calls, int rate, int meetings, int holdS,
                           double minutes,
                           double idleCores, int idleS) {
        StringBuilder b = new StringBuilder("### G.711 and Opus under the same load (generated by `voxgate lab report`)\n\n");
        b.append("Measured ").append(ctx.date()).append(" with `").append(ctx.command()).append("` on ")
                .append(ctx.machine()).append(String.format(Locale.ROOT, "; %.1f minutes in all. ", minutes))
                .append("One node in a child JVM (default settings, rtp.codecs OPUS,G722,PCMU,PCMA, H2) on loopback; ")
                .append(meetings).append(meetings == 1 ? " meeting" : " meetings").append(" made through its admin API; `lab load` places ")
                .append(calls).append(" calls at ").append(rate).append("/s round-robin into them through the IVR "
                        + "(access code as RFC 4733 events at the codec's clock), 2 talkers per meeting (a 1 kHz tone), "
                        + "the rest silence, holds them ").append(holdS)
                .append(" s, hangs up; first with `--codec pcmu` (the reference, same node, same run), then with "
                        + "`--codec opus` (the offer has only opus/48000/2 and telephone-event/48000, so the node "
                        + "decodes every leg's Opus and encodes the mixes in Opus: one encoding per talker's "
                        + "mix-minus and one shared by a meeting's listeners, see audio-bridge's "
                        + "`CodecFrameEncoder`). One warm-up run of 10 calls per codec "
                        + "before, not reported. Node mixer late ticks: the change of `voxgate_mixer_late_ticks_total` over the run "
                        + "(a conference tick that started over half a period late, summed over the meetings); "
                        + "generator late slots: its 20 ms send slots that started over 10 ms late (the reference "
                        + "that the generator kept pace). Node cores: mean of its `process_cpu_usage` (read every second, "
                        + "placing and holding) times its cores; node cores, hold: its CPU time (`process_cpu_time_ns_total`) from "
                        + "the scrape once the last answered call had typed its access code (keys delay + keys + 1 s "
                        + "after the last answer) to the last scrape before the hang-up, over that wall time (every "
                        + "call up and in its meeting, IVR and set-up over); ms CPU per call-second: hold cores x "
                        + "1000 / calls up; above idle: the same after taking off the idle node's cores (measured "
                        + idleS + " s with no call after the warm-up, " + String.format(Locale.ROOT, "%.3f", idleCores)
                        + " cores: its clock threads, /metrics). "
                        + "Generator cores: the lab JVM's CPU time over the run's wall time (with Opus it also "
                        + "decodes every received frame for the tone check, one libopus call per packet). Load "
                        + "average (`/proc/loadavg`, 1/5/15 min) at the start and end of each run: the VM is shared, "
                        + "read the figures with it.\n\n");
        b.append("| codec | answer | node cores, whole run | node cores, hold | node ms CPU per call-second, hold "
                + "| the same above idle | generator cores |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (Point p : points) {
            LoadResult r = p.result();
            String answer = String.join("; ", r.negotiatedCounts().keySet());
            b.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.2f | %.2f | %.3f |%n", label(p.codec()),
                    answer.isEmpty() ? "-" : answer, r.nodeCores(), r.nodeCoresSteady(),
                    perCallSecondMs(r, 0), perCallSecondMs(r, idleCores), p.generatorCores()));
        }
        b.append("\n| codec | answered | failed | RTP loss | jitter p95 | heard a talker | set-up p50 "
                + "| node mixer late ticks, whole run / hold | generator late slots | load average start / end |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Point p : points) {
            LoadResult r = p.result();
            int[] heard = r.legsHearingATalker();
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f%% | %s | %d of %d | %s | %s / %s | %d of %d "
                            + "| %s / %s |%n", label(p.codec()), r.answered(), r.failed(), r.lossRatio() * 100,
                    ms(r.jitterPercentileMs(95)), heard[0], heard[1], ms(r.setupP50Ms()),
                    count(r.nodeCounterDelta("mixer late ticks")), count(r.nodeLateTicksSteady()),
                    r.generator().lateTicks(), r.generator().ticks(), p.loadStart(), p.loadEnd()));
        }
        for (Point p : points) {
            if (!p.result().failuresByCause().isEmpty()) {
                b.append("\n").append(label(p.codec())).append(" failed calls by cause:");
                p.result().failuresByCause().forEach((k, v) -> b.append(' ').append(k).append(": ").append(v).append(';'));
                b.setLength(b.length() - 1);
                b.append(" (a 503 is the node's overload guard: the busiest mixer thread over sip.defence.overloadLoadPercent, 80 %).\n");
            }
        }
        Point pcmu = points.stream().filter(p -> p.codec() == LoadCodec.PCMU).findFirst().orElse(null);
        Point opus = points.stream().filter(p -> p.codec() == LoadCodec.OPUS).findFirst().orElse(null);
        if (pcmu != null && opus != null) {
            b.append(String.format(Locale.ROOT, "%nOpus / PCMU, node CPU per call-second over the hold: **%.2f x** "
                            + "above idle (%.2f x with the idle node's share; %.2f x over the whole run, set-up and IVR "
                            + "included); generator: %.2f x.%n",
                    perCallSecondMs(opus.result(), idleCores) / perCallSecondMs(pcmu.result(), idleCores),
                    perCallSecondMs(opus.result(), 0) / perCallSecondMs(pcmu.result(), 0),
                    opus.result().nodeCores() / pcmu.result().nodeCores(),
                    opus.generatorCores() / pcmu.generatorCores()));
            b.append(String.format(Locale.ROOT, "What Opus adds, the same calls and meetings in both runs: "
                            + "**%.2f ms CPU per call-second** ((Opus hold cores - PCMU hold cores) x 1000 / calls). "
                            + "The node's CPU with calls up has a large part that does not grow with the calls "
                            + "(compare the `load-cpu` section: about the same cores from 10 to 50 participants), so the "
                            + "ratio above depends on the number of calls; the difference does much less.%n",
                    (opus.result().nodeCoresSteady() - pcmu.result().nodeCoresSteady()) * 1000
                            / Math.max(1, opus.result().answered() - opus.result().failed())));
        }
        return b.toString();
    }

    /** Node ms CPU per call-second over the hold: its cores then, times 1000, over the calls up. */
    private static double perCallSecondMs(LoadResult r, double idleCores) {
        double idle = Double.isNaN(idleCores) ? 0 : idleCores;
        return (r.nodeCoresSteady() - idle) * 1000 / Math.max(1, r.answered() - r.failed());
    }

    private static String count(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String label(LoadCodec c) {
        return c == LoadCodec.OPUS ? "Opus" : c.encodingName();
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f ms", v);
    }
}
