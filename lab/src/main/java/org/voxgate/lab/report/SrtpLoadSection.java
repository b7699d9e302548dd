package org.voxgate.lab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.voxgate.lab.load.LoadPlan;
import org.voxgate.lab.load.LoadResult;
import org.voxgate.lab.load.LoadRunner;
import org.voxgate.lab.node.ChildNode;

/**
 * "Concurrent G.711 SRTP calls per node with loss under 0.1 %": into one child-JVM node (the
 * launcher's {@code --add-opens}, a SIP-TLS port), {@code lab load} over SIP/TLS with SDES-SRTP at
 * steps of concurrent calls, then the largest step that passed again as plain RTP over SIP/UDP
 * (the reference: what SRTP and TLS cost per call). Settings: {@code srtp-load.steps} (default
 * 100,200,300,450; quick 20,40), {@code srtp-load.meetings} (10), {@code srtp-load.hold} (seconds,
 * 20; quick 6), {@code srtp-load.rate} (calls/s, 10).
 */
final class SrtpLoadSection implements ReportSection {
    static final String DEMO_CODE = "2468";
    /** The pass criterion: RTP loss under this ratio, and no failed call. */
    static final double MAX_LOSS_RATIO = 0.001;

    @Override
    public String name() {
        return "srtp-load";
    }

    @Override
    public String description() {
        return "concurrent G.711 SRTP calls (SIP over TLS) per node with loss under 0.1 %; plain RTP over UDP reference";
    }

    @Override
    public String before() {
        return "<!-- lab:load-cpu:begin -->";
    }

    /**
     * One run as the tables show it.
     *
     * @param srtp            SRTP over SIP/TLS (else plain RTP over SIP/UDP, the reference)
     * @param lossRatio       lost over expected, answered legs
     * @param nodeCores       node's mean cores over the whole run (placing and holding)
     * @param nodeCoresHold   node's cores while every call was up; NaN when not measured
     * @param lateTicksHold   node mixer late ticks while every call was up; NaN when not measured
     * @param lateTicksRun    node mixer late ticks over the whole run; NaN when not measured
     * @param generatorCores  the lab JVM's CPU time over the run's wall time
     * @param overloadRefusals the node's {@code voxgate_sip_security_rejections_total{reason="OVERLOAD"}}
     *                        over the run (its overload guard's 503s); NaN when not read
     */
    record Step(boolean srtp, int calls, int answered, int failed, Map<String, Integer> failures, double lossRatio,
                long srtpAuthFailures, long srtpOtherRefusals, double jitterP95Ms, double setupP50Ms,
                double nodeCores, double nodeCoresHold, double lateTicksHold, double lateTicksRun, long generatorLate,
                long generatorTicks, double generatorCores, double overloadRefusals, String loadStart,
                String loadEnd) {
        Step {
            failures = Map.copyOf(new TreeMap<>(failures));
        }

        static Step of(boolean srtp, int calls, LoadResult r, double generatorCores, double overloadRefusals,
                       String loadStart, String loadEnd) {
            long[] s = r.srtpTotals();
            return new Step(srtp, calls, r.answered(), r.failed(), r.failuresByCause(), r.lossRatio(), s[0], s[1],
                    r.jitterPercentileMs(95), r.setupP50Ms(), r.nodeCores(), r.nodeCoresSteady(),
                    r.nodeLateTicksSteady(), r.nodeCounterDelta("mixer late ticks"), r.generator().lateTicks(),
                    r.generator().ticks(), generatorCores, overloadRefusals, loadStart, loadEnd);
        }

        /** Loss under 0.1 %, every call answered, none failed. */
        boolean passed() {
            return failed == 0 && answered == calls && lossRatio < MAX_LOSS_RATIO;
        }

        /** Node ms CPU per call-second while every call was up; NaN when not measured. */
        double msPerCallSecond() {
            return answered - failed <= 0 ? Double.NaN : nodeCoresHold * 1000 / (answered - failed);
        }
    }

    /** @return the steps in the order given, each at least 1 */
    static List<Integer> parseSteps(String text) {
        return ReportContext.positiveInts("srtp-load.steps", text);
    }

    @Override
    public SectionResult run(ReportContext ctx) throws Exception {
        List<Integer> steps = parseSteps(ctx.setting("srtp-load.steps", "100,200,300,450", "20,40"));
        int meetings = ctx.intSetting("srtp-load.meetings", 10, 10);
        int holdS = ctx.intSetting("srtp-load.hold", 20, 6);
        int rate = ctx.intSetting("srtp-load.rate", 10, 10);
        if (meetings < 1 || holdS < 0 || rate < 1) {
            throw new IllegalArgumentException("srtp-load: meetings >= 1, hold >= 0, rate >= 1");
        }
        int max = steps.stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<String> codes = new ArrayList<>();
        List<Step> done = new ArrayList<>();
        Step reference = null;
        String loadStart = LoadCodecsSection.loadAverage();
        long t0 = System.nanoTime();
        ctx.say(name(), "starting a node (child JVM, SIP-TLS port, admin API for " + meetings + " meetings)");
        try (ChildNode node = new ChildNode(new ChildNode.Options(DEMO_CODE, max, true, true, Map.of()))) {
            for (int m = 0; m < meetings; m++) {
                String code = Integer.toString(730_001 + m);
                node.createMeeting("lab-srtp-" + (m + 1), code, (max + meetings - 1) / meetings + 5);
                codes.add(code);
            }
            ctx.say(name(), "warm-up: 10 calls over TLS+SRTP and 10 over UDP, not reported");
            new LoadRunner(plan(node, true, 10, rate, 3, List.of(DEMO_CODE), false), null).run();
            new LoadRunner(plan(node, false, 10, rate, 3, List.of(DEMO_CODE), false), null).run();
            Thread.sleep(2000);
            for (int n : steps) {
                ctx.say(name(), n + " SRTP calls over TLS");
                done.add(measure(ctx, plan(node, true, n, rate, holdS, codes, true), true, n));
                Thread.sleep(3000); // the BYEs settle before the next step
            }
            Step best = largestPassed(done);
            if (best != null) {
                ctx.say(name(), "reference: " + best.calls() + " plain RTP calls over SIP/UDP");
                reference = measure(ctx, plan(node, false, best.calls(), rate, holdS, codes, true), false, best.calls());
            }
        }
        double minutes = (System.nanoTime() - t0) / 60e9;
        String loadEnd = LoadCodecsSection.loadAverage();
        boolean ok = reference != null && reference.passed();
        return new SectionResult(markdown(done, reference, ctx, meetings, rate, holdS, minutes, loadStart, loadEnd,
                Runtime.getRuntime().availableProcessors()), ok);
    }

    private static LoadPlan plan(ChildNode node, boolean srtp, int calls, int rate, int holdS, List<String> codes,
                                 boolean metrics) {
        return new LoadPlan("127.0.0.1", srtp ? node.sipTlsPort() : node.sipPort(), "127.0.0.1", calls, rate, holdS,
                "conference", codes, false, "", 2, 800, 10_000, metrics ? node.metricsUri() : null,
                srtp ? "tls" : "udp", null, srtp);
    }

    private static Step measure(ReportContext ctx, LoadPlan plan, boolean srtp, int n) throws Exception {
        double overload0 = overloadRefusals(plan.metricsUri());
        String ls = LoadCodecsSection.loadAverage();
        long cpu0 = LoadCpuSection.processCpuNanos();
        long w0 = System.nanoTime();
        LoadResult r = new LoadRunner(plan, ctx.progress()).run();
        double wall = (System.nanoTime() - w0) / 1e9;
        double generator = (LoadCpuSection.processCpuNanos() - cpu0) / 1e9 / wall;
        String le = LoadCodecsSection.loadAverage();
        return Step.of(srtp, n, r, generator, overloadRefusals(plan.metricsUri()) - overload0, ls, le);
    }

    /** The node's overload-guard refusals so far; NaN when /metrics does not answer. */
    static double overloadRefusals(java.net.URI metrics) throws InterruptedException {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(metrics).timeout(java.time.Duration.ofSeconds(3)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return r.statusCode() != 200 ? Double.NaN : org.voxgate.server.metrics.PrometheusText.sum(r.body(),
                    "voxgate_sip_security_rejections_total", Map.of("reason", "OVERLOAD"));
        } catch (java.io.IOException e) {
            return Double.NaN;
        }
    }

    /** @return the passed step with the most calls, or null when none passed */
    static Step largestPassed(List<Step> steps) {
        Step best = null;
        for (Step s : steps) {
            if (s.passed() && (best == null || s.calls() > best.calls())) {
                best = s;
            }
        }
        return best;
    }

    static String markdown(List<Step> steps, Step reference, ReportContext ctx, int meetings, int rate, int holdS,
                           double minutes, String loadStart, String loadEnd, int cores) {
        StringBuilder b = new StringBuilder("#### Concurrent SRTP calls per node (generated by `voxgate lab report`)\n\n");
        b.append("Measured ").append(ctx.date()).append(" with `").append(ctx.command()).append("` on ")
                .append(ctx.machine()).append(String.format(Locale.ROOT, "; %.1f minutes in all, ", minutes))
                .append("load average (`/proc/loadavg`, 1/5/15 min) ").append(loadStart).append(" at the start and ")
                .append(loadEnd).append(" at the end (the VM is shared: read the figures with it). "
                        + "One node in a child JVM with the launcher's `--add-opens` (the SRTP fast paths), default "
                        + "settings plus a SIP-TLS port (self-signed certificate), on loopback; ")
                .append(meetings).append(meetings == 1 ? " meeting" : " meetings")
                .append(" made through its admin API. Per step `lab load --transport tls --srtp` places the calls at ")
                .append(rate).append("/s over one TLS connection, round-robin into the meetings, each call RTP/SAVP "
                        + "with its own SDES `AES_CM_128_HMAC_SHA1_80` key, PCMU 20 ms both ways, through the IVR "
                        + "(access code as RFC 4733 events, protected too), 2 talkers per meeting (a 1 kHz tone), "
                        + "the rest silence; holds them ").append(holdS)
                .append(" s once all are answered, hangs up. A step passes with RTP loss under 0.1 % (lost over "
                        + "expected, every answered leg) and no failed call. Warm-up before: 10 calls each way, not "
                        + "reported. SRTP auth failures: packets from the node whose tag did not verify; other "
                        + "refusals: replayed, too old or before the answer's key. Node cores: its mean "
                        + "`process_cpu_usage` times its cores over the run; hold: its CPU time while every call was "
                        + "up (after the last caller typed its code). Mixer late ticks: conference ticks that "
                        + "started over half a period late (`voxgate_mixer_late_ticks_total`), while every call was "
                        + "up / whole run. Node overload refusals: its "
                        + "`voxgate_sip_security_rejections_total{reason=\"OVERLOAD\"}` over the run (the guard that "
                        + "answers 503 while the busiest mixer thread is over 80 % of its tick). Reference in the same run, same node and meetings: the largest step that "
                        + "passed again as plain RTP over SIP/UDP. The generator runs in the report's JVM (without the "
                        + "`--add-opens` unless given: its own SRTP may take the slower JDK paths, see the "
                        + "generator cores).\n\n");
        b.append("| transport | calls | answered | failed | RTP loss | SRTP auth failures / other refusals "
                + "| jitter p95 | set-up p50 | node cores, run / hold | node ms CPU per call-second, hold "
                + "| mixer late ticks, hold / run | node overload refusals | generator late slots "
                + "| load average start / end | pass |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (Step s : steps) {
            row(b, s);
        }
        if (reference != null) {
            row(b, reference);
        }
        for (Step s : steps) {
            if (!s.failures().isEmpty()) {
                b.append("\n").append(s.calls()).append(" SRTP calls, failed by cause:");
                s.failures().forEach((k, v) -> b.append(' ').append(k).append(": ").append(v).append(';'));
                b.setLength(b.length() - 1);
                b.append("; the node counted ").append(count(s.overloadRefusals())).append(" overload refusals.");
            }
        }
        if (steps.stream().anyMatch(s -> !s.failures().isEmpty())) {
            b.append('\n');
        }
        if (steps.stream().anyMatch(s -> s.failures().keySet().stream().anyMatch(k -> k.contains("503")))) {
            b.append("\nA SIP 503 the node counts as an overload refusal is its overload guard, not SRTP: it refuses "
                    + "new calls while its busiest mixer thread is over `sip.defence.overloadLoadPercent` (80 %) of "
                    + "the tick period; the calls it took keep their loss figures above. A 503 it does not count "
                    + "there is another refusal (its log names it, for example no free RTP port pair).\n");
        }
        Step best = largestPassed(steps);
        if (best == null) {
            b.append("\n**No step passed** (loss under 0.1 % and no failed call); no reference was run.\n");
            return b.toString();
        }
        b.append("\n**Largest step with loss under 0.1 % and no failed call: ").append(best.calls())
                .append(" concurrent G.711 SRTP calls** on this machine");
        Step above = steps.stream().filter(s -> s.calls() > best.calls()).findFirst().orElse(null);
        b.append(above == null ? " (the largest step tried; the limit is higher or untested).\n"
                : " (next step tried: " + above.calls() + ").\n");
        if (reference != null) {
            b.append(String.format(Locale.ROOT, "%nSRTP over TLS / plain RTP over UDP at %d calls, same node, same run: "
                            + "node CPU per call-second over the hold **%s x** (%s against %s ms), node cores over the "
                            + "whole run %s x, generator cores %s x.%n", best.calls(),
                    ratio(best.msPerCallSecond(), reference.msPerCallSecond()), num(best.msPerCallSecond(), 3),
                    num(reference.msPerCallSecond(), 3), ratio(best.nodeCores(), reference.nodeCores()),
                    ratio(best.generatorCores(), reference.generatorCores())));
            double busiest = busiestLoad(steps, reference);
            if (busiest > cores) {
                b.append(String.format(Locale.ROOT, "%nThe 1-minute load average reached %.2f on %d cores during these "
                        + "runs: node and generator got less CPU than they asked for (see the late ticks and late "
                        + "slots), so the CPU figures are what they were given and the ratio is not a clean cost.%n",
                        busiest, cores));
            }
        }
        return b.toString();
    }

    /** The highest 1-minute load average at the start or end of a step; 0 when none reads. */
    static double busiestLoad(List<Step> steps, Step reference) {
        double max = 0;
        List<Step> all = new ArrayList<>(steps);
        if (reference != null) {
            all.add(reference);
        }
        for (Step s : all) {
            for (String l : new String[] {s.loadStart(), s.loadEnd()}) {
                try {
                    max = Math.max(max, Double.parseDouble(l.trim().split("\\s+")[0]));
                } catch (RuntimeException e) {
                    // "n/a"
                }
            }
        }
        return max;
    }

    private static void row(StringBuilder b, Step s) {
        b.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.3f%% | %s | %s | %s | %s / %s | %s | %s / %s "
                        + "| %s | %d of %d | %s / %s | %s |%n",
                s.srtp() ? "SRTP, SIP/TLS" : "RTP, SIP/UDP (reference)", s.calls(), s.answered(), s.failed(),
                s.lossRatio() * 100, s.srtp() ? s.srtpAuthFailures() + " / " + s.srtpOtherRefusals() : "-",
                ms(s.jitterP95Ms()), ms(s.setupP50Ms()), num(s.nodeCores(), 3), num(s.nodeCoresHold(), 3),
                num(s.msPerCallSecond(), 3), count(s.lateTicksHold()), count(s.lateTicksRun()), count(s.overloadRefusals()), s.generatorLate(),
                s.generatorTicks(), s.loadStart(), s.loadEnd(), s.passed() ? "yes" : "**no**"));
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b <= 0 ? "-" : String.format(Locale.ROOT, "%.2f", a / b);
    }

    private static String num(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String count(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f ms", v);
    }
}
