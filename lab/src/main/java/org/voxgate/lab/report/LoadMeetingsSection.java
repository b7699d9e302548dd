package org.voxgate.lab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.voxgate.lab.load.LoadPlan;
import org.voxgate.lab.load.LoadResult;
import org.voxgate.lab.load.LoadRunner;
import org.voxgate.lab.node.ChildNode;
import org.voxgate.lab.sipp.SippRun;
import org.voxgate.lab.sipp.TonePcapFile;
import org.voxgate.lab.sipp.PeerCommands;

/**
 * "Load": many meetings of 10 through the IVR, a steady window per run (node cores, generator
 * cores, mixer late ticks), the generator's whole-run figures, and the reference: the same 100
 * calls into one meeting by direct number from SIPp and from {@code lab load}. Settings (see
 * lab/README.md): {@code load-meetings.calls} (comma list, 100,300; quick 20,60),
 * {@code .rates} (10,20; quick 10,10), {@code .per-meeting} (10), {@code .talkers} (2),
 * {@code .hold} (s after all answered, 25; quick 10), {@code .window} (s, 15; quick 5),
 * {@code .reference-calls} (100; quick 20).
 */
final class LoadMeetingsSection implements ReportSection {
    static final String NAME = "load-meetings";
    private static final String DEMO_CODE = "2468";
    private static final int FIRST_CODE = 700_001;

    /** A run's steady window and what the generator measured over the whole run. */
    record Row(String label, int calls, LoadWindow window, Whole whole) {}

    /**
     * @param lossPercent over every answered leg
     * @param heard       listeners that heard a talker's tone, of {@code heardOf} that had one to hear
     */
    record Whole(int answered, int placed, double setupP50Ms, double setupP95Ms, double setupP99Ms,
                 double lossPercent, double jitterP50Ms, double jitterP95Ms, int heard, int heardOf) {
        static Whole of(LoadResult r) {
            int[] h = r.legsHearingATalker();
            return new Whole(r.answered(), r.placed(), r.setupP50Ms(), r.setupP95Ms(), r.setupP99Ms(),
                    r.lossRatio() * 100, r.jitterPercentileMs(50), r.jitterPercentileMs(95), h[0], h[1]);
        }
    }

    /** One generator of the reference pair. */
    record Reference(String generator, int calls, int answered, LoadWindow window, double setupP50Ms,
                     double setupP95Ms, double setupP99Ms) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "100 and 300 calls in meetings of 10 through the IVR; reference: SIPp and lab load, same 100 calls";
    }

    @Override
    public SectionResult run(ReportContext ctx) throws Exception {
        List<Integer> calls = ctx.intListSetting("load-meetings.calls", "100,300", "20,60");
        List<Integer> rates = ctx.intListSetting("load-meetings.rates", "10,20", "10,10");
        if (rates.size() != calls.size()) {
            throw new IllegalArgumentException("--set load-meetings.rates needs one rate per load-meetings.calls entry");
        }
        int perMeeting = ctx.intSetting("load-meetings.per-meeting", 10, 10);
        int talkers = ctx.intSetting("load-meetings.talkers", 2, 2);
        int hold = ctx.intSetting("load-meetings.hold", 25, 10);
        int window = ctx.intSetting("load-meetings.window", 15, 5);
        int refCalls = ctx.intSetting("load-meetings.reference-calls", 100, 20);
        if (hold < window + 4) {
            throw new IllegalArgumentException("--set load-meetings.hold must be at least window + 4 s");
        }
        int maxCalls = Math.max(refCalls, calls.stream().mapToInt(Integer::intValue).max().orElse(0));
        int meetings = (maxCalls + perMeeting - 1) / perMeeting;
        String loadStart = ProcStat.loadAverage();
        List<Row> rows = new ArrayList<>();
        List<Reference> refs = new ArrayList<>();
        String sippNote;
        boolean ok = true;
        Path work = Files.createTempDirectory("voxgate-load-meetings");
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lab-report-load");
            t.setDaemon(true);
            return t;
        });
        ctx.say(NAME, "starting a node (child JVM, admin API on)");
        Map<String, String> env = Map.of("VOXGATE_DEMO_DIRECT_NUMBER", "demo",
                "VOXGATE_DEMO_MAX_PARTICIPANTS", "1000", "VOXGATE_SIP_MAX_CALLS", "2000");
        try (ChildNode node = new ChildNode(new ChildNode.Options(DEMO_CODE, maxCalls + 20, true, false, env))) {
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < meetings; i++) {
                String code = Integer.toString(FIRST_CODE + i);
                node.createMeeting("load-" + (i + 1), code, perMeeting + 40);
                codes.add(code);
            }
            ctx.say(NAME, "warm-up (10 calls, not reported)");
            new LoadRunner(new LoadPlan("127.0.0.1", node.sipPort(), "127.0.0.1", 10, 10, 3, "conference",
                    List.of(codes.get(0)), false, "", 2, 800, 10_000, null), null).run();
            Thread.sleep(2000);
            for (int i = 0; i < calls.size(); i++) {
                int n = calls.get(i);
                int m = (n + perMeeting - 1) / perMeeting;
                String label = "lab load, " + m + " meetings x " + perMeeting;
                ctx.say(NAME, label + ": " + n + " calls at " + rates.get(i) + "/s");
                LoadPlan plan = new LoadPlan("127.0.0.1", node.sipPort(), "127.0.0.1", n, rates.get(i), hold,
                        "conference", codes.subList(0, m), false, "", talkers, 800, 10_000, null);
                Measured lab = runLab(pool, plan, node, window, n, rates.get(i));
                rows.add(new Row(label, n, lab.window, Whole.of(lab.result)));
                ok &= lab.result.failed() == 0 && lab.result.answered() == n;
                Thread.sleep(3000);
            }
            Path sipp = PeerCommands.find("sipp").orElse(null);
            Path scenario = dialinScenario();
            if (sipp == null || scenario == null) {
                sippNote = sipp == null ? "**SIPp is not installed here, so the SIPp reference was not measured.**"
                        : "**server/src/test/resources/sipp/dialin.xml was not found (run from the repository root), "
                        + "so the SIPp reference was not measured.**";
                ok = false;
            } else {
                ctx.say(NAME, "reference: SIPp, " + refCalls + " calls into one meeting, all talk");
                Reference s = runSipp(sipp, scenario, work, node, refCalls, window);
                refs.add(s);
                ok &= s.answered() == refCalls;
                sippNote = null;
                Thread.sleep(3000);
            }
            ctx.say(NAME, "reference: lab load, " + refCalls + " calls into one meeting, all talk");
            LoadPlan ref = new LoadPlan("127.0.0.1", node.sipPort(), "127.0.0.1", refCalls, 10, hold, "demo",
                    List.of("demo"), true, "", refCalls, 800, 10_000, null);
            Measured lab = runLab(pool, ref, node, window, refCalls, 10);
            refs.add(new Reference("lab load", refCalls, lab.result.answered(), lab.window, lab.result.setupP50Ms(),
                    lab.result.setupP95Ms(), lab.result.setupP99Ms()));
            ok &= lab.result.failed() == 0 && lab.result.answered() == refCalls;
        } finally {
            pool.shutdownNow();
        }
        String settings = String.format(Locale.ROOT, "calls %s at %s calls/s, %d per meeting, %d talkers per meeting, "
                + "hold %d s, window %d s, reference %d calls", join(calls), join(rates), perMeeting, talkers, hold,
                window, refCalls);
        return new SectionResult(markdown(ctx.date(), ctx.command(), ctx.machine(), settings, loadStart,
                ProcStat.loadAverage(), rows, refs, sippNote), ok);
    }

    private record Measured(LoadResult result, LoadWindow window) {}

    private static Measured runLab(ExecutorService pool, LoadPlan plan, ChildNode node, int window, int n, int rate)
            throws Exception {
        Future<LoadResult> f = pool.submit(() -> new LoadRunner(plan, null).run());
        LoadWindow w;
        try {
            w = LoadWindow.measure(node.metricsUri(), n, window, 2000, (long) (n * 1000.0 / rate) + 30_000,
                    () -> LoadCpuSection.processCpuNanos() / 1e9, () -> !f.isDone());
        } catch (IOException e) {
            f.get(); // its own failure first, if any
            throw e;
        }
        return new Measured(f.get(), w);
    }

    private static Reference runSipp(Path sipp, Path scenario, Path work, ChildNode node, int n, int window)
            throws IOException, InterruptedException {
        Path dir = work.resolve("sipp-ref");
        Files.createDirectories(dir);
        int placing = (n + 9) / 10;
        int holdMs = (placing + 2 + window + 8) * 1000;
        TonePcapFile.write(dir.resolve("tone.pcap"), holdMs / 1000 + 5);
        Files.writeString(dir.resolve("sipp-tone.xml"), Files.readString(scenario)
                .replace("@PCAP@", dir.resolve("tone.pcap").toString()).replace("@HOLD_MS@", Integer.toString(holdMs)));
        int sipPort = SippRun.freeUdpPorts(1);
        int mediaPort = SippRun.freeUdpPorts(4);
        try (SippRun run = SippRun.start(sipp, dir, List.of("127.0.0.1:" + node.sipPort(), "-sf", "sipp-tone.xml",
                "-s", "demo", "-i", "127.0.0.1", "-p", Integer.toString(sipPort), "-mp", Integer.toString(mediaPort),
                "-r", "10", "-m", Integer.toString(n), "-l", Integer.toString(n), "-trace_rtt", "-rtt_freq", "1",
                "-nostdin"))) {
            LoadWindow w = LoadWindow.measure(node.metricsUri(), n, window, 2000, placing * 1000L + 30_000,
                    () -> ProcStat.cpuSeconds(run.pid()), run::alive);
            run.waitFor(holdMs / 1000 + 60);
            List<Double> setup = run.setupMs();
            return new Reference("SIPp", n, setup.size(), w, SippRun.percentile(setup, 50),
                    SippRun.percentile(setup, 95), SippRun.percentile(setup, 99));
        }
    }

    /** The SIPp dial-in scenario, from the repository root or the lab module's directory. */
    static Path dialinScenario() {
        for (String p : List.of("server/src/test/resources/sipp/dialin.xml",
                "../server/src/test/resources/sipp/dialin.xml")) {
            if (Files.isRegularFile(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    static String markdown(String date, String command, String machine, String settings, String loadStart,
                           String loadEnd, List<Row> rows, List<Reference> refs, String sippNote) {
        StringBuilder b = new StringBuilder("### Meetings of 10 through the IVR (generated by `voxgate lab report`)\n\n");
        b.append("Measured ").append(date).append(" with `").append(command).append("` on ").append(machine)
                .append("; load average ").append(loadStart).append(" at the start, ").append(loadEnd)
                .append(" at the end. Settings: ").append(settings).append(". A node in a child JVM (default "
                        + "settings, H2, admin API on to create the meetings) on loopback, `lab load` in the report's "
                        + "JVM; a warm-up of 10 calls is not reported. Once all calls of a run are up (the node's "
                        + "`voxgate_calls_active`) and 2 s more, a steady window reads the node's "
                        + "`process_cpu_time_ns_total` and `voxgate_mixer_late_ticks_total` and the generator's CPU "
                        + "time at both ends. Cores: CPU-seconds per second (1.0 = one core busy).\n\n");
        b.append("#### Steady window\n\n| run | calls | node cores | node ms CPU per call-second | generator cores "
                + "| node late ticks in window | load avg before / after |\n|---|---:|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            LoadWindow w = r.window();
            b.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.2f | %.3f | %d | %s / %s |%n", r.label(),
                    r.calls(), w.nodeCores(), w.nodeCores() * 1000 / r.calls(), w.generatorCores(), w.nodeLateTicks(),
                    w.loadBefore(), w.loadAfter()));
        }
        b.append("\n#### What the generator measured (whole run)\n\n| run | answered | set-up p50 | p95 | p99 "
                + "| RTP loss | jitter p50 | jitter p95 | heard another talker |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            Whole w = r.whole();
            b.append(String.format(Locale.ROOT, "| %s | %d/%d | %s | %s | %s | %.3f%% | %s | %s | %d/%d legs |%n",
                    r.label(), w.answered(), w.placed(), ms(w.setupP50Ms()), ms(w.setupP95Ms()), ms(w.setupP99Ms()),
                    w.lossPercent(), ms(w.jitterP50Ms()), ms(w.jitterP95Ms()), w.heard(), w.heardOf()));
        }
        int refCalls = refs.isEmpty() ? 0 : refs.get(0).calls();
        b.append("\n#### Reference: the same ").append(refCalls).append(" calls from SIPp and from `lab load`\n\n")
                .append("Same node, same run, one generator after the other: ").append(refCalls)
                .append(" calls at 10 calls/s into one meeting by direct number, every caller sending a 1 kHz tone; "
                        + "SIPp plays a tone pcap (`play_pcap_audio`, "
                        + "`server/src/test/resources/sipp/dialin.xml`; its set-up times from `-trace_rtt`, INVITE to "
                        + "200, 1 ms resolution; its CPU from `/proc/PID/stat`), then `lab load --direct` (its own "
                        + "clock, the same interval).\n\n");
        if (sippNote != null) {
            b.append(sippNote).append("\n\n");
        }
        b.append("| generator | answered | node cores | generator cores | set-up p50 | p95 | p99 | load avg before / after |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Reference r : refs) {
            LoadWindow w = r.window();
            b.append(String.format(Locale.ROOT, "| %s | %d/%d | %.3f | %.3f | %s | %s | %s | %s / %s |%n", r.generator(),
                    r.answered(), r.calls(), w.nodeCores(), w.generatorCores(), ms(r.setupP50Ms()),
                    ms(r.setupP95Ms()), ms(r.setupP99Ms()), w.loadBefore(), w.loadAfter()));
        }
        Reference sipp = refs.stream().filter(r -> r.generator().equals("SIPp")).findFirst().orElse(null);
        Reference lab = refs.stream().filter(r -> r.generator().equals("lab load")).findFirst().orElse(null);
        if (sipp != null && lab != null) {
            b.append("\n| ratio, lab load to SIPp | generator CPU | node CPU | set-up p50 |\n|---|---:|---:|---:|\n");
            b.append(String.format(Locale.ROOT, "| same run | %.2f | %.2f | %.2f |%n",
                    lab.window().generatorCores() / sipp.window().generatorCores(),
                    lab.window().nodeCores() / sipp.window().nodeCores(), lab.setupP50Ms() / sipp.setupP50Ms()));
        }
        return b.toString();
    }

    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v < 10 ? String.format(Locale.ROOT, "%.1f ms", v) : String.format(Locale.ROOT, "%.0f ms", v);
    }


    private static String join(List<Integer> v) {
        return String.join(",", v.stream().map(String::valueOf).toList());
    }
}
