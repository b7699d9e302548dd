package org.voxgate.lab.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Markdown of a {@link QualityResult}: summary, delay, tone per impairment level, DTMF, E-model. */
public final class QualityReport {
    private QualityReport() {}

    /** The whole report, headed by the command and the machine. */
    public static String markdown(QualityResult r, String command, String machine) {
        StringBuilder b = new StringBuilder("# Voxgate audio quality\n\n");
        b.append("Command: `").append(command).append("`  \nMachine: ").append(machine).append("  \n")
                .append(String.format(Locale.ROOT, "Run: %.0f s, impairment seed %d%n%n", r.seconds(), r.plan().seed()));
        b.append(body(r, "##"));
        return b.toString();
    }

    /** The sections, with headings at {@code level} (e.g. "###" inside BENCHMARKS.md). */
    public static String body(QualityResult r, String level) {
        StringBuilder b = new StringBuilder();
        if (r.failure() != null) {
            b.append("**Run failed: ").append(r.failure()).append("**\n\n");
        }
        List<PathResult> paths = new ArrayList<>();
        if (r.node() != null) {
            paths.add(r.node());
        }
        if (r.reference() != null) {
            paths.add(r.reference());
        }
        b.append(level).append(" One-way delay (chirp cross-correlation)\n\n");
        b.append("| path | probes with a clear peak | median | min | max |\n|---|---:|---:|---:|---:|\n");
        for (PathResult p : paths) {
            double[] d = p.probeDelayMs().stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).toArray();
            java.util.Arrays.sort(d);
            b.append(String.format(Locale.ROOT, "| %s | %d of %d | %s | %s | %s |%n", p.name(), p.clearProbes(),
                    p.probeDelayMs().size(), ms(p.delayMedianMs()), ms(d.length == 0 ? Double.NaN : d[0]),
                    ms(d.length == 0 ? Double.NaN : d[d.length - 1])));
        }
        if (r.node() != null && !r.node().settleDelayMs().isEmpty()) {
            b.append("\nRight after both callers joined, a chirp every 500 ms was delayed ")
                    .append(String.join(", ", r.node().settleDelayMs().stream()
                            .map(v -> String.format(Locale.ROOT, "%.0f", v)).toList()))
                    .append(" ms (the node's jitter buffer still held audio from the IVR phase and shrank by one "
                            + "20 ms packet per 500 ms window); the measurement starts once four in a row agree "
                            + "within 1 ms.\n");
        }
        if (!Double.isNaN(r.addedLatencyMs())) {
            b.append(String.format(Locale.ROOT, "%n**Added one-way latency of the node: %.1f ms** (node path minus "
                    + "reference path, medians).%n", r.addedLatencyMs()));
        }
        b.append('\n');
        for (PathResult p : paths) {
            b.append(level).append(" 1004 Hz tone, ").append(p.name()).append("\n\n");
            b.append("| impairment of A's stream | loss applied | BurstR | SNR | segmental SNR | THD | level | gap frames "
                    + "| longest gap | frames under 20 dB | E-model R | MOS |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (PathResult.Level l : p.levels()) {
                ToneMeasure.Result t = l.tone();
                b.append(String.format(Locale.ROOT, "| %s | %.1f%% | %.2f | %s | %s | %s | %s | %s | %s | %s | %.1f | %.2f |%n",
                        l.impairment().label(), l.lossPercent(), l.burstRatio(),
                        t == null ? "-" : String.format(Locale.ROOT, "%.1f dB", t.snrDb()),
                        t == null ? "-" : String.format(Locale.ROOT, "%.1f dB", t.segmentalSnrDb()),
                        t == null ? "-" : String.format(Locale.ROOT, "%.2f%%", t.thdPercent()),
                        t == null ? "-" : String.format(Locale.ROOT, "%.1f dBFS", t.levelDbfs()),
                        t == null ? "-" : String.format(Locale.ROOT, "%.1f%%", t.gapPercent()),
                        t == null ? "-" : String.format(Locale.ROOT, "%.0f ms", t.longestGapMs()),
                        t == null ? "-" : String.format(Locale.ROOT, "%.1f%%", t.badFramePercent()), l.r(), l.mos()));
            }
            b.append('\n');
        }
        if (!r.dtmf().isEmpty()) {
            b.append(level).append(" DTMF: access code typed, caller got into the meeting\n\n");
            b.append("| impairment of the caller's stream | RFC 4733 events | in-band tones |\n|---|---:|---:|\n");
            for (int i = 0; i + 1 < r.dtmf().size(); i += 2) {
                QualityResult.DtmfLevel e = r.dtmf().get(i);
                QualityResult.DtmfLevel t = r.dtmf().get(i + 1);
                b.append(String.format(Locale.ROOT, "| %s | %d of %d | %d of %d |%n", e.impairment().label(), e.joined(),
                        e.placed(), t.joined(), t.placed()));
            }
            b.append('\n');
        }
        b.append("How: caller A sends ").append(r.plan().probes()).append(" chirps (300 to 3400 Hz, 200 ms) and then ")
                .append(String.format(Locale.ROOT, "%.1f", r.plan().toneSeconds()))
                .append(" s of 1004 Hz at -13 dBFS per impairment level; caller B in the same meeting records the mix. "
                        + "Delay is where the chirp's cross-correlation peaks (B's timeline mapped to A's clock by "
                        + "packet arrival times). SNR is one fitted 1004 Hz sine over everything else in the window "
                        + "(first and last 150 ms skipped): a packet the node's jitter buffer drops or inserts shifts the "
                        + "phase after it and pulls this figure down; the segmental SNR fits each 20 ms frame on its "
                        + "own (mean of frame SNRs clipped to -10..45 dB), and a frame under 20 dB by its own fit is "
                        + "counted in the next column. THD: harmonics 2 and 3; a gap frame is 20 ms missing or "
                        + "10 dB low. E-model (ITU-T G.107): default terminals, T = Ta = measured delay, Tr = 2T, "
                        + "G.711 Ie 0, Bpl 25.1 through the node (packet-loss concealment), 4.3 on the reference "
                        + "path (none), Ppl and BurstR as applied. The reference receiver lays packets by RTP "
                        + "timestamp: it has no jitter buffer limit and no concealment, so jitter and reordering cost "
                        + "it nothing and loss leaves silence.\n");
        return b.toString();
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f ms", v);
    }
}
