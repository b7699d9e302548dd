package org.voxgate.lab.quality;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.voxgate.lab.MachineInfo;
import org.voxgate.lab.node.InProcessNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code voxgate lab quality}: audio quality through a real call, against a reference loop. */
@Command(name = "quality", mixinStandardHelpOptions = true,
        description = {"Measures audio through a Voxgate node: one-way delay (chirp cross-correlation), SNR and THD "
                + "of a 1004 Hz tone, the same under loss, burst loss, jitter and reordering of the tool's own stream, "
                + "DTMF detection (RFC 4733 and in-band) of the access code, and an ITU-T G.107 E-model R and MOS; "
                + "next to the same measurement over a direct RTP loop without the node.",
                "Without --target it starts a node in this JVM on loopback.",
                "Exit code: 0 when the run measured, 1 when it could not (calls failed, no audio), 2 on bad options."})
public final class QualityCommand implements Callable<Integer> {

    @Option(names = "--target", paramLabel = "HOST:PORT", description = "the node's SIP UDP address (default: a node in this JVM)")
    String target;

    @Option(names = {"-m", "--meeting"}, paramLabel = "CODE", description = "access code typed in the IVR (default: the in-process node's)")
    String meeting;

    @Option(names = "--number", defaultValue = "conference", description = "called number of the IVR (default ${DEFAULT-VALUE})")
    String number;

    @Option(names = "--pin", defaultValue = "", description = "PIN typed after the access code")
    String pin;

    @Option(names = "--quick", description = "5 probes, 2 s per level, 5 levels, 4 DTMF callers per level (about 40 s)")
    boolean quick;

    @Option(names = "--probes", description = "chirp probes (default 20, --quick 5)")
    Integer probes;

    @Option(names = "--tone-seconds", description = "seconds of tone per level (default 4, --quick 2)")
    Double toneSeconds;

    @Option(names = "--impairment", split = ",", paramLabel = "SPEC",
            description = "levels after the clean one: loss:P, burst:P:LEN, jitter:MS, reorder:P (default: a sweep)")
    List<String> impairments;

    @Option(names = "--dtmf-trials", description = "callers per DTMF level, half RFC 4733, half in-band (default 10, --quick 4)")
    Integer dtmfTrials;

    @Option(names = "--dtmf-impairment", split = ",", paramLabel = "SPEC",
            description = "DTMF levels (default none,loss:5,burst:5:3,jitter:30; --quick none,loss:5)")
    List<String> dtmfImpairments;

    @Option(names = "--no-reference", description = "skip the direct RTP loop")
    boolean noReference;

    @Option(names = "--seed", defaultValue = "1", description = "impairment seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--local-address", defaultValue = "127.0.0.1", description = "address of the tool's sockets")
    String localAddress;

    @Option(names = {"-o", "--report"}, defaultValue = "quality-report.md", paramLabel = "FILE",
            description = "Markdown report (default ${DEFAULT-VALUE})")
    Path report;

    /** The result of the last {@link #call()} (for {@code lab report}). */
    QualityResult result;

    @Override
    public Integer call() throws Exception {
        QualityPlan plan;
        try {
            List<Impairment> levels = impairments == null ? (quick ? QualityPlan.quickLevels() : QualityPlan.fullLevels())
                    : prepend(impairments.stream().map(Impairment::parse).toList());
            List<Impairment> dtmfLevels = dtmfImpairments == null
                    ? (quick ? List.of(Impairment.NONE, Impairment.loss(5))
                            : List.of(Impairment.NONE, Impairment.loss(5), Impairment.burst(5, 3), Impairment.jitter(30)))
                    : dtmfImpairments.stream().map(Impairment::parse).toList();
            plan = plan("127.0.0.1", 0, meeting == null ? "2468" : meeting, levels, dtmfLevels);
        } catch (IllegalArgumentException e) {
            System.err.println("lab quality: " + e.getMessage());
            return 2;
        }
        if (target == null) {
            try (InProcessNode node = new InProcessNode(plan.accessCode(), 40)) {
                plan = withTarget(plan, "127.0.0.1", node.sipPort());
                result = new QualityRunner(plan, System.err).run();
            }
        } else {
            int colon = target.lastIndexOf(':');
            if (colon <= 0 || meeting == null) {
                System.err.println("lab quality: --target HOST:PORT needs --meeting CODE");
                return 2;
            }
            plan = withTarget(plan, target.substring(0, colon).replace("[", "").replace("]", ""),
                    Integer.parseInt(target.substring(colon + 1)));
            result = new QualityRunner(plan, System.err).run();
        }
        Files.writeString(report, QualityReport.markdown(result, commandLine(), MachineInfo.describe()));
        System.out.printf(Locale.ROOT, "delay node %s reference %s (added %.1f ms); segmental SNR %s; report %s%n",
                QualityReport.ms(result.node() == null ? Double.NaN : result.node().delayMedianMs()),
                QualityReport.ms(result.reference() == null ? Double.NaN : result.reference().delayMedianMs()),
                result.addedLatencyMs(), result.node() == null || result.node().levels().get(0).tone() == null ? "-"
                        : String.format(Locale.ROOT, "%.1f dB", result.node().levels().get(0).tone().segmentalSnrDb()),
                report.toAbsolutePath());
        return result.failure() == null ? 0 : 1;
    }

    private static List<Impairment> prepend(List<Impairment> rest) {
        java.util.ArrayList<Impairment> l = new java.util.ArrayList<>();
        l.add(Impairment.NONE);
        rest.stream().filter(i -> !i.equals(Impairment.NONE)).forEach(l::add);
        return l;
    }

    private QualityPlan plan(String host, int port, String code, List<Impairment> levels, List<Impairment> dtmfLevels) {
        return new QualityPlan(host, port, localAddress, number, code, pin, probes != null ? probes : quick ? 5 : 20,
                toneSeconds != null ? toneSeconds : quick ? 2 : 4, levels,
                dtmfTrials != null ? dtmfTrials : quick ? 4 : 10, dtmfLevels, !noReference, seed);
    }

    private static QualityPlan withTarget(QualityPlan p, String host, int port) {
        return new QualityPlan(host, port, p.localAddress(), p.number(), p.accessCode(), p.pin(), p.probes(),
                p.toneSeconds(), p.levels(), p.dtmfTrials(), p.dtmfLevels(), p.reference(), p.seed());
    }

    private String commandLine() {
        StringBuilder b = new StringBuilder("voxgate lab quality");
        if (target != null) {
            b.append(" --target ").append(target).append(" --meeting ").append(meeting);
        }
        if (quick) {
            b.append(" --quick");
        }
        if (probes != null) {
            b.append(" --probes ").append(probes);
        }
        if (impairments != null) {
            b.append(" --impairment ").append(String.join(",", impairments));
        }
        b.append(" --seed ").append(seed);
        return b.toString();
    }
}
