package org.voxgate.lab.report;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.voxgate.lab.chart.ChartRenderer;
import org.voxgate.lab.load.LoadPlan;
import org.voxgate.lab.load.LoadResult;
import org.voxgate.lab.load.LoadRunner;
import org.voxgate.lab.node.ChildNode;
import org.voxgate.server.metrics.PrometheusText;

/**
 * "Late ticks per hour under load", the method of {@code lab/scripts/soak.sh} from Java: a
 * child-JVM node, meetings made through its admin API, {@code lab load} holding G.711 calls (2
 * talkers per meeting, through the IVR); once every call is up (and 5 s for the last access codes)
 * the node's {@code /metrics} and {@code /proc/loadavg} are sampled at a fixed interval for the
 * hold. Settings: {@code soak.calls} (300; quick 30), {@code soak.meetings} (30; quick 3),
 * {@code soak.minutes} (60; quick 1), {@code soak.sample} (seconds between samples, 60; quick 10),
 * {@code soak.rate} (calls/s, 10). Chart: {@code soak.png}.
 */
final class SoakSection implements ReportSection {
    static final String DEMO_CODE = "2468";
    /** After every call is up, before the first sample: the last callers finish typing their codes. */
    static final int SETTLE_S = 5;

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public String description() {
        return "node mixer late ticks per hour, CPU and RSS under a steady G.711 load (samples of /metrics and the load average)";
    }

    @Override
    public String before() {
        return "<!-- lab:load-cpu:begin -->";
    }

    /**
     * One reading, as soak.sh's CSV line.
     *
     * @param seconds        since the first sample
     * @param lateTicksTotal {@code voxgate_mixer_late_ticks_total}
     * @param cpuNs          {@code process_cpu_time_ns_total}
     * @param rssBytes       {@code voxgate_process_resident_memory_bytes}
     * @param load1          the 1-minute load average
     */
    record Sample(double seconds, double callsActive, double lateTicksTotal, double cpuNs, double rssBytes,
                  double load1) {}

    /**
     * The steady hold from the first to the last sample.
     *
     * @param seconds   last minus first sample; 0 with fewer than two samples
     * @param lateTicks late ticks over the hold
     * @param nodeCores node CPU time over the hold over its wall time; NaN when seconds is 0
     */
    record Summary(double seconds, double lateTicks, double latePerHour, double nodeCores, double rssStartBytes,
                   double rssEndBytes, double rssGrowthPerHourBytes, double loadMean, double loadMax,
                   double callsMin) {}

    /** {@code delta} over {@code seconds}, scaled to an hour; NaN when seconds is not positive. */
    static double perHour(double delta, double seconds) {
        return seconds > 0 ? delta * 3600 / seconds : Double.NaN;
    }

    /** @throws IllegalArgumentException without samples */
    static Summary summarize(List<Sample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no sample");
        }
        Sample a = samples.get(0);
        Sample z = samples.get(samples.size() - 1);
        double seconds = z.seconds() - a.seconds();
        double late = z.lateTicksTotal() - a.lateTicksTotal();
        double loadSum = 0;
        double loadMax = 0;
        double callsMin = Double.POSITIVE_INFINITY;
        for (Sample s : samples) {
            loadSum += s.load1();
            loadMax = Math.max(loadMax, s.load1());
            callsMin = Math.min(callsMin, s.callsActive());
        }
        return new Summary(seconds, late, perHour(late, seconds),
                seconds > 0 ? (z.cpuNs() - a.cpuNs()) / 1e9 / seconds : Double.NaN, a.rssBytes(), z.rssBytes(),
                perHour(z.rssBytes() - a.rssBytes(), seconds), loadSum / samples.size(), loadMax, callsMin);
    }

    @Override
    public SectionResult run(ReportContext ctx) throws Exception {
        int calls = ctx.intSetting("soak.calls", 300, 30);
        int meetings = ctx.intSetting("soak.meetings", 30, 3);
        int minutes = ctx.intSetting("soak.minutes", 60, 1);
        int sampleS = ctx.intSetting("soak.sample", 60, 10);
        int rate = ctx.intSetting("soak.rate", 10, 10);
        if (calls < 1 || meetings < 1 || meetings > calls || minutes < 1 || sampleS < 1 || rate < 1) {
            throw new IllegalArgumentException("soak: calls >= meetings >= 1, minutes >= 1, sample >= 1, rate >= 1");
        }
        int holdS = minutes * 60;
        List<Sample> samples = new ArrayList<>();
        String loadStart;
        String loadEnd;
        LoadResult result;
        boolean allUp;
        ctx.say(name(), "starting a node (child JVM, admin API for " + meetings + " meetings)");
        try (ChildNode node = new ChildNode(new ChildNode.Options(DEMO_CODE, calls, true, false, Map.of()))) {
            List<String> codes = new ArrayList<>();
            for (int m = 0; m < meetings; m++) {
                String code = Integer.toString(810_001 + m);
                node.createMeeting("lab-soak-" + (m + 1), code, calls / meetings + 10);
                codes.add(code);
            }
            // the generator's hold starts once every call is answered; the samples start up to the
            // access codes plus SETTLE_S later, so it holds that much longer than the samples run
            LoadPlan plan = new LoadPlan("127.0.0.1", node.sipPort(), "127.0.0.1", calls, rate,
                    holdS + SETTLE_S + 15, "conference", codes, false, "", 2, 800, 10_000, null);
            FutureTask<LoadResult> load = new FutureTask<>(() -> new LoadRunner(plan, null).run());
            Thread generator = new Thread(load, "lab-soak-load");
            generator.setDaemon(true);
            loadStart = LoadCodecsSection.loadAverage();
            ctx.say(name(), calls + " calls at " + rate + "/s into " + meetings + " meetings, then " + minutes
                    + " min of samples every " + sampleS + " s");
            generator.start();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long upDeadline = System.nanoTime() + (long) ((calls / (double) rate + 30) * 1e9);
            allUp = false;
            while (!load.isDone() && System.nanoTime() < upDeadline) {
                String m = scrape(http, node.metricsUri());
                if (m != null && PrometheusText.sum(m, "voxgate_calls_active") >= calls) {
                    allUp = true;
                    break;
                }
                Thread.sleep(500);
            }
            if (load.isDone()) {
                load.get(); // throws what the generator threw
                throw new IOException("the generator ended before the calls were up");
            }
            Thread.sleep(SETTLE_S * 1000L);
            long t0 = System.nanoTime();
            for (int i = 0; i <= holdS / sampleS && !load.isDone(); i++) {
                long due = t0 + i * sampleS * 1_000_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String m = scrape(http, node.metricsUri());
                if (m == null) {
                    continue;
                }
                Sample s = new Sample((System.nanoTime() - t0) / 1e9, PrometheusText.sum(m, "voxgate_calls_active"),
                        PrometheusText.sum(m, "voxgate_mixer_late_ticks_total"),
                        PrometheusText.sum(m, "process_cpu_time_ns_total"),
                        PrometheusText.sum(m, "voxgate_process_resident_memory_bytes"), load1());
                if (!samples.isEmpty() && s.callsActive() < samples.get(0).callsActive()) {
                    break; // hang-up has begun
                }
                samples.add(s);
                ctx.say(name(), String.format(Locale.ROOT, "t=%4.0f s calls %.0f late ticks %.0f rss %.0f MB load %.2f",
                        s.seconds(), s.callsActive(), s.lateTicksTotal(), s.rssBytes() / 1e6, s.load1()));
            }
            loadEnd = LoadCodecsSection.loadAverage();
            try {
                result = load.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception x ? x : e;
            }
        }
        if (samples.isEmpty()) {
            throw new IOException("no /metrics sample during the hold");
        }
        List<ChartRenderer.LineChart> panels = LabCharts.soak(samples.stream()
                .map(s -> new LabCharts.SoakPoint(s.seconds(), s.lateTicksTotal(), s.load1())).toList());
        ChartRenderer.writePng(ChartRenderer.stack(panels.stream().map(c -> ChartRenderer.render(c, 800, 280)).toList()),
                ctx.charts().resolve("soak.png"));
        Summary sum = summarize(samples);
        Run run = new Run(calls, meetings, rate, sampleS, result.answered(), result.failed(), result.lossRatio(),
                result.jitterPercentileMs(95), result.generator().lateTicks(), result.generator().ticks(), allUp,
                loadStart, loadEnd);
        boolean ok = allUp && result.failed() == 0 && result.answered() == calls;
        return new SectionResult(markdown(ctx, run, sum), ok);
    }

    /** What the generator measured, and how the run was set up. */
    record Run(int calls, int meetings, int rate, int sampleS, int answered, int failed, double lossRatio,
               double jitterP95Ms, long generatorLate, long generatorTicks, boolean allUp, String loadStart,
               String loadEnd) {}

    static String markdown(ReportContext ctx, Run r, Summary s) {
        StringBuilder b = new StringBuilder("### Soak: mixer late ticks per hour (generated by `voxgate lab report`)\n\n");
        b.append("Measured ").append(ctx.date()).append(" with `").append(ctx.command()).append("` on ")
                .append(ctx.machine()).append(", load average (`/proc/loadavg`, 1/5/15 min) ").append(r.loadStart())
                .append(" at the start and ").append(r.loadEnd()).append(String.format(Locale.ROOT,
                        " at the end, 1-minute figure %.2f on average and %.2f at most over the samples (the VM is "
                                + "shared: read the figures with it). ", s.loadMean(), s.loadMax()))
                .append("The method of `lab/scripts/soak.sh`: one node in a child JVM (default settings, the "
                        + "launcher's `--add-opens`) on loopback, ").append(r.meetings())
                .append(" meetings made through its admin API; `lab load` places ").append(r.calls())
                .append(" G.711 (PCMU) calls at ").append(r.rate()).append("/s round-robin into them through the IVR "
                        + "(access code as RFC 4733 events), 2 talkers per meeting (a 1 kHz tone), the rest silence. "
                        + "Once the node counts every call active (`voxgate_calls_active`) and ").append(SETTLE_S)
                .append(" s more for the last access codes, its `/metrics` is read every ").append(r.sampleS())
                .append(" s for the hold: late ticks are the change of `voxgate_mixer_late_ticks_total` (conference "
                        + "ticks that started over half a period late, summed over the meetings) from the first to the "
                        + "last sample; node cores the change of `process_cpu_time_ns_total` over that wall time; RSS "
                        + "`voxgate_process_resident_memory_bytes`. Loss and jitter are the generator's, over every "
                        + "answered leg and the whole run. Reference in the same run: the generator's own 20 ms send "
                        + "slots that started over 10 ms late (did it keep pace?).\n\n");
        if (!r.allUp()) {
            b.append("**Not every call was up** before the samples started (see failed calls); the hold ran with "
                    + String.format(Locale.ROOT, "%.0f", s.callsMin()) + " at least.\n\n");
        }
        b.append("| calls up | meetings | steady hold | mixer late ticks | per hour | node cores | RSS start / end "
                + "| RSS growth per hour | RTP loss | jitter p95 | failed | generator late slots (reference) |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        b.append(String.format(Locale.ROOT, "| %.0f | %d | %.0f s | %.0f | **%s** | %s | %.0f / %.0f MB | %s MB "
                        + "| %.3f%% | %s | %d of %d | %d of %d |%n", s.callsMin(), r.meetings(), s.seconds(), s.lateTicks(),
                num(s.latePerHour(), Math.abs(s.latePerHour()) >= 100 ? 0 : 1), num(s.nodeCores(), 3), s.rssStartBytes() / 1e6, s.rssEndBytes() / 1e6,
                signed(s.rssGrowthPerHourBytes() / 1e6), r.lossRatio() * 100,
                Double.isNaN(r.jitterP95Ms()) ? "-" : String.format(Locale.ROOT, "%.1f ms", r.jitterP95Ms()),
                r.failed(), r.calls(), r.generatorLate(), r.generatorTicks()));
        if (s.seconds() < 3600) {
            b.append(String.format(Locale.ROOT, "%nThe hold was %.1f minutes: the per-hour figures scale it up to "
                    + "an hour, they are not an hour's count%s.%n", s.seconds() / 60,
                    s.lateTicks() == 0 ? " (0 late ticks says none was seen, not a rate)" : ""));
        }
        b.append("\n![mixer late ticks per minute and load average over the hold](").append(ctx.chartsLink())
                .append("/soak.png)\n");
        return b.toString();
    }

    private static String num(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String signed(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%+.1f", v);
    }

    private static String scrape(HttpClient http, URI uri) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The 1-minute load average from /proc/loadavg, else the JVM's; NaN when neither is there. */
    private static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return l < 0 ? Double.NaN : l;
        }
    }
}
