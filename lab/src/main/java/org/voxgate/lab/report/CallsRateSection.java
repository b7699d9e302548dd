package org.voxgate.lab.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.voxgate.lab.load.LoadPlan;
import org.voxgate.lab.load.LoadResult;
import org.voxgate.lab.load.LoadRunner;
import org.voxgate.lab.node.ChildNode;
import org.voxgate.lab.sipp.SippRun;
import org.voxgate.lab.sipp.PeerCommands;

/**
 * "Calls/s": steps of offered call rate into a child-JVM node (by direct number, and one step
 * through the IVR), each {@code seconds} long, and the reference in the same run: SIPp's
 * {@code uac} scenario at the same rates against Kamailio as a plain stateless SIP server, whose
 * CPU per call is read from {@code /proc}. Settings: {@code calls-rate.rates} (10,20,40,60;
 * quick 10,20), {@code .seconds} (10; quick 3), {@code .hold} (2), {@code .ivr-rate} (20; quick
 * 10), {@code .ivr-hold} (4).
 */
final class CallsRateSection implements ReportSection {
    static final String NAME = "calls-rate";
    private static final String DEMO_CODE = "2468";

    /**
     * One rate step against one server.
     *
     * @param server          "Voxgate node" or "Kamailio"
     * @param route           "direct number", "IVR (access code)" or "stateless 200"
     * @param failures        cause to count, kept in the causes' name order; empty when none failed
     * @param serverCpuMsPerCall the server's CPU over the step per answered call
     * @param generatorCpuMsPerCall the generator's CPU over the step per placed call
     */
    record Step(String server, String generator, String route, double offeredPerSecond, double answeredPerSecond,
                int calls, int answered, Map<String, Integer> failures, double setupP95Ms, double serverCpuMsPerCall,
                double generatorCpuMsPerCall, String loadBefore, String loadAfter) {
        Step {
            failures = java.util.Collections.unmodifiableMap(new TreeMap<>(failures)); // causes in name order
        }

        boolean clean() {
            return answered == calls && failures.isEmpty();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "calls/s sustained with 0 failed calls; reference: SIPp against Kamailio at the same rates";
    }

    @Override
    public SectionResult run(ReportContext ctx) throws Exception {
        List<Integer> rates = ctx.intListSetting("calls-rate.rates", "10,20,40,60", "10,20");
        int seconds = ctx.intSetting("calls-rate.seconds", 10, 3);
        int hold = ctx.intSetting("calls-rate.hold", 2, 2);
        int ivrRate = ctx.intSetting("calls-rate.ivr-rate", 20, 10);
        int ivrHold = ctx.intSetting("calls-rate.ivr-hold", 4, 4);
        int maxCalls = Math.max(ivrRate, rates.stream().mapToInt(Integer::intValue).max().orElse(1)) * seconds;
        String loadStart = ProcStat.loadAverage();
        List<Step> steps = new ArrayList<>();
        boolean ok = true;
        ctx.say(NAME, "starting a node (child JVM)");
        Map<String, String> env = Map.of("VOXGATE_DEMO_DIRECT_NUMBER", "demo",
                "VOXGATE_DEMO_MAX_PARTICIPANTS", Integer.toString(maxCalls + 100),
                "VOXGATE_SIP_MAX_CALLS", Integer.toString(2 * maxCalls + 100));
        try (ChildNode node = new ChildNode(new ChildNode.Options(DEMO_CODE, maxCalls + 20, false, false, env))) {
            new LoadRunner(new LoadPlan("127.0.0.1", node.sipPort(), "127.0.0.1", 10, 10, 2, "demo", List.of("demo"),
                    true, "", 2, 800, 10_000, null), null).run(); // warm-up, not reported
            Thread.sleep(2000);
            for (int rate : rates) {
                ctx.say(NAME, "node, direct number, " + rate + " calls/s for " + seconds + " s");
                steps.add(nodeStep(node, new LoadPlan("127.0.0.1", node.sipPort(), "127.0.0.1", rate * seconds, rate,
                        hold, "demo", List.of("demo"), true, "", 2, 800, 10_000, null), "direct number"));
            }
            ctx.say(NAME, "node, IVR, " + ivrRate + " calls/s for " + seconds + " s");
            steps.add(nodeStep(node, new LoadPlan("127.0.0.1", node.sipPort(), "127.0.0.1", ivrRate * seconds, ivrRate,
                    ivrHold, "conference", List.of(DEMO_CODE), false, "", 2, 800, 10_000, null), "IVR (access code)"));
        }
        String note = null;
        Path sipp = PeerCommands.find("sipp").orElse(null);
        Path kamailio = PeerCommands.find("kamailio").orElse(null);
        if (sipp == null || kamailio == null) {
            note = "**" + (sipp == null ? "SIPp" : "Kamailio") + " is not installed here, so the Kamailio reference "
                    + "was not measured.**";
            ok = false;
        } else {
            Path work = Files.createTempDirectory("voxgate-calls-rate");
            int port = SippRun.freeUdpPorts(1);
            try (KamailioServer k = KamailioServer.start(kamailio, port, work.resolve("kamailio"))) {
                for (int rate : rates) {
                    ctx.say(NAME, "SIPp against Kamailio, " + rate + " calls/s for " + seconds + " s");
                    Step s = kamailioStep(sipp, k, port, work.resolve("sipp-" + rate), rate, seconds, hold);
                    steps.add(s);
                    ok &= s.answered() > 0;
                }
            }
        }
        return new SectionResult(markdown(ctx.date(), ctx.command(), ctx.machine(), String.format(Locale.ROOT,
                "rates %s calls/s for %d s each, hold %d s; IVR step %d calls/s, hold %d s",
                String.join(",", rates.stream().map(String::valueOf).toList()), seconds, hold, ivrRate, ivrHold),
                loadStart, ProcStat.loadAverage(), steps, note), ok);
    }

    private static Step nodeStep(ChildNode node, LoadPlan plan, String route) throws Exception {
        String load0 = ProcStat.loadAverage();
        double n0 = NodeMetricsText.value(NodeMetricsText.fetch(node.metricsUri()), LoadWindow.NODE_CPU);
        long g0 = LoadCpuSection.processCpuNanos();
        LoadResult r = new LoadRunner(plan, null).run();
        long g1 = LoadCpuSection.processCpuNanos();
        double n1 = NodeMetricsText.value(NodeMetricsText.fetch(node.metricsUri()), LoadWindow.NODE_CPU);
        Thread.sleep(2000); // the BYEs settle before the next step
        return new Step("Voxgate node", "lab load", route, r.offeredCallsPerSecond(), r.answeredCallsPerSecond(),
                r.placed(), r.answered(), new TreeMap<>(r.failuresByCause()), r.setupP95Ms(),
                r.answered() == 0 ? Double.NaN : (n1 - n0) / 1e6 / r.answered(), (g1 - g0) / 1e6 / r.placed(),
                load0, ProcStat.loadAverage());
    }

    private static Step kamailioStep(Path sipp, KamailioServer k, int port, Path dir, int rate, int seconds, int hold)
            throws Exception {
        int calls = rate * seconds;
        String load0 = ProcStat.loadAverage();
        double k0 = k.cpuSeconds();
        int exit;
        double sippCpu;
        List<Double> setup;
        List<Double> answerTimes;
        try (SippRun run = SippRun.start(sipp, dir, List.of("127.0.0.1:" + port, "-sn", "uac", "-s", "demo", "-i",
                "127.0.0.1", "-p", Integer.toString(SippRun.freeUdpPorts(1)), "-mp",
                Integer.toString(SippRun.freeUdpPorts(4)), "-r", Integer.toString(rate), "-m", Integer.toString(calls),
                "-l", Integer.toString(calls), "-d", Integer.toString(hold * 1000), "-trace_rtt", "-rtt_freq", "1",
                "-nostdin"))) {
            double last = 0; // SIPp started with the step: its whole CPU time is the step's
            while (run.alive()) { // the last reading before it exits
                double s = ProcStat.cpuSeconds(run.pid());
                if (!Double.isNaN(s)) {
                    last = s;
                }
                Thread.sleep(100);
            }
            exit = run.waitFor(seconds + hold + 60L);
            sippCpu = last;
            setup = run.setupMs();
            answerTimes = run.answerTimesMs();
        }
        double k1 = k.cpuSeconds();
        int answered = setup.size();
        Map<String, Integer> failures = new TreeMap<>();
        if (answered < calls) {
            failures.put("no 200 (SIPp exit " + exit + ")", calls - answered);
        } else if (exit != 0) {
            failures.put("SIPp exit " + exit, 0);
        }
        double span = answerTimes.size() < 2 ? 0 : (answerTimes.get(answerTimes.size() - 1) - answerTimes.get(0)) / 1000;
        return new Step("Kamailio", "SIPp uac", "stateless 200", rate, span <= 0 ? answered : (answered - 1) / span,
                calls, answered, failures, SippRun.percentile(setup, 95),
                answered == 0 ? Double.NaN : (k1 - k0) * 1000 / answered, sippCpu * 1000 / calls, load0,
                ProcStat.loadAverage());
    }

    static String markdown(String date, String command, String machine, String settings, String loadStart,
                           String loadEnd, List<Step> steps, String note) {
        StringBuilder b = new StringBuilder("### Calls per second (generated by `voxgate lab report`)\n\n");
        b.append("Measured ").append(date).append(" with `").append(command).append("` on ").append(machine)
                .append("; load average ").append(loadStart).append(" at the start, ").append(loadEnd)
                .append(" at the end. Settings: ").append(settings).append(". Each step offers calls at a fixed rate "
                        + "for the step's seconds; `lab load` (in the report's JVM) holds them all until the last is "
                        + "answered plus the hold, then hangs up, into one meeting of a child-JVM node (default "
                        + "settings, H2) on loopback, 2 talkers, after a warm-up of 10 calls that is not reported. "
                        + "Node CPU per call: the node's `process_cpu_time_ns_total` over the whole step (the media "
                        + "of every call from its answer until the step hangs up included) over the answered calls; in ms, so it is also the node's cores per "
                        + "1000 calls/s. Reference in the same run: SIPp's built-in `uac` scenario (INVITE with "
                        + "SDP, ACK, hold, BYE; no media) at the same rates against Kamailio (`sl` replies 200 with "
                        + "an SDP body to INVITE, 200 to BYE, no state, no media; loopback, 2 UDP workers): its CPU "
                        + "(every process, every thread: `/proc/PID/task/TID/schedstat`, nanoseconds; `/proc/PID/stat` "
                        + "where that is missing) over the step, per answered call; SIPp's set-up "
                        + "times from `-trace_rtt` (1 ms resolution). \"Failed\" counts calls by cause; an answered "
                        + "call can still fail at its BYE, so the causes may add up to more than calls minus answered. "
                        + "The node refuses calls with 503 when its overload defence sees the mixer falling behind "
                        + "(sooner on a shared machine under a high load average).\n\n");
        if (note != null) {
            b.append(note).append("\n\n");
        }
        b.append("| server | generator | route | offered calls/s | answered calls/s | calls | answered | failed "
                + "| set-up p95 | server ms CPU per call | generator ms CPU per call | load avg before / after |\n"
                + "|---|---|---|---:|---:|---:|---:|---|---:|---:|---:|---|\n");
        for (Step s : steps) {
            String failed = s.failures().isEmpty() ? "0" : String.join(", ", s.failures().entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey()).toList());
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %d | %d | %s | %s | %.3f | %.2f | %s / %s |%n",
                    s.server(), s.generator(), s.route(), s.offeredPerSecond(), s.answeredPerSecond(), s.calls(),
                    s.answered(), failed, LoadMeetingsSection.ms(s.setupP95Ms()), s.serverCpuMsPerCall(),
                    s.generatorCpuMsPerCall(), s.loadBefore(), s.loadAfter()));
        }
        b.append('\n').append(verdict(steps, "Voxgate node", "direct number")).append(' ')
                .append(verdict(steps, "Kamailio", "stateless 200"));
        double node = pooledCpuMsPerCall(steps, "Voxgate node", "direct number");
        double kam = pooledCpuMsPerCall(steps, "Kamailio", "stateless 200");
        if (!Double.isNaN(node) && !Double.isNaN(kam) && kam > 0) {
            b.append(String.format(Locale.ROOT, " CPU per call over all clean steps together: node %.2f ms, Kamailio "
                    + "%.3f ms (%.0f times; the node also answers with media, mixes and holds the calls).", node, kam,
                    node / kam));
        }
        return b.append('\n').toString();
    }

    /** Server CPU of the clean steps of one server and route over their answered calls; NaN when none. */
    static double pooledCpuMsPerCall(List<Step> steps, String server, String route) {
        double cpu = 0;
        long calls = 0;
        for (Step s : steps) {
            if (s.server().equals(server) && s.route().equals(route) && s.clean()) {
                cpu += s.serverCpuMsPerCall() * s.answered();
                calls += s.answered();
            }
        }
        return calls == 0 ? Double.NaN : cpu / calls;
    }

    /** "Highest ... with 0 failed calls: N calls/s." over the steps of one server and route. */
    static String verdict(List<Step> steps, String server, String route) {
        double best = -1;
        for (Step s : steps) {
            if (s.server().equals(server) && s.route().equals(route) && s.clean()) {
                best = Math.max(best, s.offeredPerSecond());
            }
        }
        return best < 0 ? "**" + server + " (" + route + "): no step without failed calls.**"
                : String.format(Locale.ROOT, "**%s (%s), highest offered rate with 0 failed calls: %.0f calls/s.**",
                        server, route, best);
    }
}
