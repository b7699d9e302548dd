package org.voxgate.lab.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link LoadResult} as Markdown. */
public final class LoadReport {
    private LoadReport() {}

    public static String markdown(LoadResult r, String commandLine) {
        LoadPlan p = r.plan();
        StringBuilder b = new StringBuilder();
        b.append("# Voxgate load report\n\n");
        b.append("- date: ").append(Instant.now()).append('\n');
        b.append("- command: `").append(commandLine).append("`\n");
        b.append("- target: ").append(p.targetHost()).append(':').append(p.targetPort())
                .append(p.transport().equals("tls") ? " (SIP/TLS" + (p.tlsTrustPem() == null ? ", any certificate accepted)"
                        : ", trusting " + p.tlsTrustPem() + ")") : " (SIP/UDP)")
                .append(p.srtp() ? ", SRTP (SDES)\n" : "\n");
        b.append("- generator machine: ").append(machine()).append("\n\n");

        b.append("## Plan\n\n| calls | rate (calls/s) | hold (s) | meetings | talkers per meeting | entry | codec offered |\n");
        b.append("|---:|---:|---:|---:|---:|---|---|\n");
        b.append(String.format(Locale.ROOT, "| %d | %.1f | %d | %d | %d | %s | %s |%n%n", p.calls(), p.callsPerSecond(),
                p.holdSeconds(), p.meetings().size(), p.talkers(),
                p.direct() ? "direct number" : "IVR, access code by RFC 4733", p.codec().rtpmap()
                        + " + telephone-event/" + p.codec().clockRateHz()));

        b.append("## Calls\n\n| placed | answered | failed | offered calls/s | answered calls/s | set-up p50 | p95 | p99 | max |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        b.append(String.format(Locale.ROOT, "| %d | %d | %d | %.1f | %.1f | %s | %s | %s | %s |%n%n", r.placed(),
                r.answered(), r.failed(), r.offeredCallsPerSecond(), r.answeredCallsPerSecond(),
                Percentiles.format(r.setupP50Ms()), Percentiles.format(r.setupP95Ms()),
                Percentiles.format(r.setupP99Ms()), Percentiles.format(r.setupMaxMs())));
        b.append("Set-up time: INVITE sent to 200 OK received.\n\n");
        if (!r.failuresByCause().isEmpty()) {
            b.append("### Failed calls by cause\n\n| cause | calls |\n|---|---:|\n");
            r.failuresByCause().forEach((k, v) -> b.append("| ").append(k).append(" | ").append(v).append(" |\n"));
            b.append('\n');
        }

        List<LoadResult.Leg> good = r.goodLegs();
        List<Double> jitter = new ArrayList<>();
        List<Double> maxJitter = new ArrayList<>();
        int withLoss = 0;
        for (LoadResult.Leg l : good) {
            jitter.add(l.rx().jitterMs());
            maxJitter.add(l.rx().maxJitterMs());
            if (l.rx().lost() > 0) {
                withLoss++;
            }
        }
        int[] tone = r.legsHearingATalker();
        b.append("## Media received by the generator\n\n");
        b.append("| legs | RTP loss | legs with loss | jitter p50 | jitter p95 | jitter max | legs that heard another talker |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        b.append(String.format(Locale.ROOT, "| %d | %.3f%% | %d | %s | %s | %s | %d of %d |%n%n", good.size(),
                r.lossRatio() * 100, withLoss, Percentiles.format(Percentiles.of(jitter, 50)),
                Percentiles.format(Percentiles.of(jitter, 95)), Percentiles.format(Percentiles.of(maxJitter, 100)),
                tone[0], tone[1]));
        if (r.plan().srtp()) {
            long[] srtp = r.srtpTotals();
            int legsWithAuthFail = (int) r.legs().stream().filter(l -> l.srtpAuthFailures() > 0).count();
            b.append("### SRTP (SDES, AES_CM_128_HMAC_SHA1_80, SIP over ").append(r.plan().transport().toUpperCase(Locale.ROOT))
                    .append(")\n\n| auth failures | legs with auth failures | other refusals | of them before the answer's key |\n"
                            + "|---:|---:|---:|---:|\n")
                    .append(String.format(Locale.ROOT, "| %d | %d | %d | %d |%n%n", srtp[0], legsWithAuthFail, srtp[1],
                            r.srtpBeforeKey()));
            for (LoadResult.Leg l : r.legs()) {
                if (l.srtpAuthFailures() > 0) {
                    b.append(String.format(Locale.ROOT, "- leg %d (%s): %d auth failures%n", l.index(), l.meeting(),
                            l.srtpAuthFailures()));
                }
            }
            if (legsWithAuthFail > 0) {
                b.append('\n');
            }
        }
        Map<String, Integer> answers = r.negotiatedCounts();
        long undecodable = 0;
        for (LoadResult.Leg l : r.legs()) {
            undecodable += l.rx().undecodable();
        }
        if (!answers.isEmpty()) {
            b.append("Answered with: ");
            answers.forEach((k, v) -> b.append(k).append(" on ").append(v).append(v == 1 ? " leg; " : " legs; "));
            b.setLength(b.length() - 2);
            b.append(".\n");
            if (p.codec() == LoadCodec.OPUS) {
                b.append("Opus frames the generator's decoders refused: ").append(undecodable).append(".\n");
            }
            b.append('\n');
        }
        b.append("Loss: expected (from sequence numbers, per SSRC) minus received, RFC 3550 A.3. Jitter: the\n"
                + "RFC 3550 6.4.1 estimate at the end of each leg (max: the largest estimate during any leg).\n"
                + "A leg heard another talker when frames with the talkers' 1 kHz tone reached it (counted over legs\n"
                + "whose meeting has a talker besides them).\n\n");

        b.append("## Node (from its /metrics)\n\n");
        NodeMetricsPoller.Summary n = r.node();
        if (n == null) {
            b.append("Not read (no metrics URL).\n\n");
        } else if (n.error() != null && Double.isNaN(n.cpuAvg())) {
            b.append("Not read: ").append(n.error()).append("\n\n");
        } else {
            b.append("| CPU avg | CPU max | cores | RSS max | heap max | calls active max |\n|---:|---:|---:|---:|---:|---:|\n");
            b.append(String.format(Locale.ROOT, "| %.1f%% | %.1f%% | %.0f | %.0f MB | %.0f MB | %.0f |%n%n",
                    n.cpuAvg() * 100, n.cpuMax() * 100, n.cpuCount(), n.rssMaxBytes() / 1e6, n.heapMaxBytes() / 1e6,
                    n.callsActiveMax()));
            b.append("CPU: `process_cpu_usage`, the share of all the node's cores, sampled each second.\n\n");
            b.append("| counter, change over the run | value |\n|---|---:|\n");
            for (Map.Entry<String, Double> e : n.deltas().entrySet()) {
                b.append("| ").append(e.getKey()).append(" | ").append(num(e.getValue())).append(" |\n");
            }
            b.append('\n');
        }

        LoadResult.Generator g = r.generator();
        b.append("## Generator\n\n");
        b.append(String.format(Locale.ROOT, "%d send slots of 20 ms, %d late (over 10 ms behind); SIP messages %d sent,"
                + " %d received.%n%n", g.ticks(), g.lateTicks(), g.sipSent(), g.sipReceived()));

        b.append("<details><summary>Per leg</summary>\n\n");
        b.append("| call | meeting | talker | set-up | result | s | sent | received | lost | jitter | max jitter | tone frames |\n");
        b.append("|---:|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LoadResult.Leg l : r.legs()) {
            b.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %.1f | %d | %d | %d | %s | %s | %d |%n",
                    l.index(), l.meeting(), l.talker() ? "yes" : "no", Percentiles.format(l.setupMs()),
                    l.failure() == null ? "ok" : l.failure(), l.seconds(), l.packetsSent(), l.rx().received(),
                    l.rx().lost(), Percentiles.format(l.rx().jitterMs()), Percentiles.format(l.rx().maxJitterMs()),
                    l.rx().toneFrames()));
        }
        b.append("\n</details>\n");
        return b.toString();
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Cores, CPU model, Java and OS of this machine. */
    static String machine() {
        String model = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + model + ", Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.version");
    }
}
