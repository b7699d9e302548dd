package org.voxgate.lab.load;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.voxgate.lab.sipp.PeerCommands;
import org.voxgate.lab.sipp.SippLoad;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code voxgate lab load}: places calls against a node and writes a Markdown report. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Places N calls at R calls/s into M meetings with K talkers each, holds them T seconds, hangs "
                + "up, and reports set-up times, failures, RTP loss and jitter, and the node's CPU, memory and mixer "
                + "late ticks (from its /metrics). Own SIP UAC (UDP or TLS) and RTP generator (PCMU, PCMA or Opus, 20 ms, optionally SRTP with SDES keys).",
                "Exit code: 0 when every call was answered and ended cleanly (and, with --srtp, no SRTP packet failed "
                + "authentication), 1 otherwise, 2 on bad options."})
public final class LoadCommand implements Callable<Integer> {

    @Option(names = "--target", defaultValue = "127.0.0.1:5060", paramLabel = "HOST:PORT",
            description = "the node's SIP address: its UDP port, or with --transport tls its sip.tlsPort "
                    + "(default ${DEFAULT-VALUE})")
    String target;

    @Option(names = "--transport", defaultValue = "udp", paramLabel = "udp|tls",
            description = "SIP transport: udp, or tls (one TLS connection for every call; needed for --srtp) "
                    + "(default ${DEFAULT-VALUE})")
    String transport;

    @Option(names = "--tls-trust", paramLabel = "PEM",
            description = "with --transport tls: PEM certificate(s) the node's certificate must chain to. Without it "
                    + "ANY certificate is accepted: a lab tool for your own node, not for a third party's")
    Path tlsTrust;

    @Option(names = "--srtp",
            description = "SRTP media: offer RTP/SAVP with an SDES a=crypto AES_CM_128_HMAC_SHA1_80 key and protect/"
                    + "unprotect every packet (the node accepts SDES only over TLS: use with --transport tls); "
                    + "the report counts SRTP authentication failures per leg")
    boolean srtp;

    @Option(names = "--codec", defaultValue = "pcmu", paramLabel = "pcmu|pcma|opus",
            description = "the one codec offered, with telephone-event at its clock: pcmu or pcma (G.711, 8 kHz) "
                    + "or opus (48 kHz, dynamic payload type; the generator decodes every received frame) "
                    + "(default ${DEFAULT-VALUE})")
    String codec;

    @Option(names = {"-n", "--calls"}, defaultValue = "10", description = "calls to place (default ${DEFAULT-VALUE})")
    int calls;

    @Option(names = {"-r", "--rate"}, defaultValue = "5", description = "calls placed per second (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = {"-t", "--hold"}, defaultValue = "10",
            description = "seconds all calls stay up once answered and done typing their keys (default ${DEFAULT-VALUE})")
    int hold;

    @Option(names = {"-m", "--meeting"}, split = ",", required = true, paramLabel = "CODE",
            description = "access code of a meeting (repeat or comma-separate for several); with --direct, called numbers")
    List<String> meetings;

    @Option(names = "--direct", description = "dial each --meeting value as the called number instead of typing it in the IVR")
    boolean direct;

    @Option(names = "--number", defaultValue = "conference",
            description = "called number of the IVR (default ${DEFAULT-VALUE})")
    String number;

    @Option(names = "--pin", defaultValue = "", description = "PIN typed after the access code")
    String pin;

    @Option(names = {"-k", "--talkers"}, defaultValue = "1",
            description = "talkers per meeting, sending a 1 kHz tone; the rest send silence (default ${DEFAULT-VALUE})")
    int talkers;

    @Option(names = "--local-address", defaultValue = "127.0.0.1",
            description = "address the generator's SIP and RTP sockets bind to (default ${DEFAULT-VALUE})")
    String localAddress;

    @Option(names = "--metrics-url", paramLabel = "URL",
            description = "the node's /metrics (default http://TARGET-HOST:9100/metrics; 'none' to skip)")
    String metricsUrl;

    @Option(names = "--keys-delay-ms", defaultValue = "800",
            description = "pause between the answer and the first key (default ${DEFAULT-VALUE})")
    long keysDelayMs;

    @Option(names = "--setup-timeout-s", defaultValue = "32",
            description = "a call with no final answer after this many seconds fails (default ${DEFAULT-VALUE})")
    int setupTimeoutS;

    @Option(names = "--generator", defaultValue = "lab", paramLabel = "lab|sipp",
            description = "who places the calls: the lab's own UAC and RTP (default), or SIPp (needs --direct, "
                    + "one --meeting, UDP, PCMU, no SRTP; sends a 1 kHz tone; report has set-up times and failures)")
    String generator;

    @Option(names = "--sipp-scenario", paramLabel = "FILE",
            description = "SIPp dial-in scenario (default server/src/test/resources/sipp/dialin.xml from the repository root)")
    Path sippScenario;

    @Option(names = {"-o", "--report"}, defaultValue = "load-report.md", paramLabel = "FILE",
            description = "Markdown report (default ${DEFAULT-VALUE})")
    Path report;

    @Override
    public Integer call() throws Exception {
        int colon = target.lastIndexOf(':');
        if (colon <= 0) {
            System.err.println("lab load: --target must be HOST:PORT, was " + target);
            return 2;
        }
        String host = target.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(target.substring(colon + 1));
        URI metrics = metricsUrl == null ? URI.create("http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host)
                + ":9100/metrics") : metricsUrl.equals("none") ? null : URI.create(metricsUrl);
        LoadPlan plan;
        try {
            LoadCodec c = LoadCodec.parse(codec);
            if (c == LoadCodec.OPUS && LabOpus.problem() != null) {
                System.err.println("lab load: --codec opus: " + LabOpus.problem());
                return 2;
            }
            plan = new LoadPlan(host, port, localAddress, calls, rate, hold, number, meetings, direct, pin, talkers,
                    keysDelayMs, setupTimeoutS * 1000L, metrics, transport, tlsTrust, srtp, c);
        } catch (IllegalArgumentException e) {
            System.err.println("lab load: " + e.getMessage());
            return 2;
        }
        if (generator.equals("sipp")) {
            return sipp(host, port);
        }
        if (!generator.equals("lab")) {
            System.err.println("lab load: --generator is lab or sipp, was " + generator);
            return 2;
        }
        if (srtp && !transport.equals("tls")) {
            System.err.println("lab load: warning: --srtp over UDP; the node refuses SDES keys outside TLS (488)");
        }
        LoadResult result = new LoadRunner(plan, System.err).run();
        String md = LoadReport.markdown(result, commandLine());
        Files.writeString(report, md);
        System.out.printf(java.util.Locale.ROOT, "%d placed, %d answered, %d failed; %.1f calls/s; set-up p50 %s p95 %s"
                        + " p99 %s; RTP loss %.3f%%; report %s%n", result.placed(), result.answered(), result.failed(),
                result.answeredCallsPerSecond(), Percentiles.format(result.setupP50Ms()),
                Percentiles.format(result.setupP95Ms()), Percentiles.format(result.setupP99Ms()),
                result.lossRatio() * 100, report.toAbsolutePath());
        if (srtp) {
            System.out.printf(java.util.Locale.ROOT, "SRTP: %d auth failures, %d other refusals%n",
                    result.srtpTotals()[0], result.srtpTotals()[1]);
        }
        return result.failed() == 0 && result.answered() == result.placed() && result.srtpTotals()[0] == 0 ? 0 : 1;
    }

    /** {@code --generator sipp}: the same calls from SIPp. */
    private int sipp(String host, int port) throws Exception {
        String why = !direct ? "SIPp types no access code: add --direct (dial the meeting's number)"
                : meetings.size() != 1 ? "SIPp dials one number: give one --meeting"
                : !transport.equals("udp") || srtp ? "SIPp runs over UDP without SRTP here"
                : !codec.equalsIgnoreCase("pcmu") ? "SIPp plays a PCMU tone: --codec pcmu" : null;
        if (why != null) {
            System.err.println("lab load: --generator sipp: " + why);
            return 2;
        }
        Path sippBin = PeerCommands.find("sipp").orElse(null);
        Path scenario = sippScenario != null ? sippScenario : SippLoad.defaultScenario();
        if (sippBin == null || scenario == null || !Files.isRegularFile(scenario)) {
            System.err.println("lab load: --generator sipp: " + (sippBin == null
                    ? "sipp is not installed (apt-get install sip-tester)"
                    : "no dial-in scenario: run from the repository root or give --sipp-scenario"));
            return 2;
        }
        SippLoad.Result r = new SippLoad(sippBin, scenario, host, port, localAddress, meetings.get(0), calls, rate,
                hold).run();
        Files.writeString(report, r.markdown(commandLine() + " --generator sipp"));
        System.out.printf(java.util.Locale.ROOT, "SIPp: %d placed, %d answered, %d failed, exit %d; report %s%n",
                r.calls(), r.answered(), r.calls() - r.answered(), r.exitCode(), report.toAbsolutePath());
        return r.exitCode() == 0 && r.answered() == calls ? 0 : 1;
    }

    private String commandLine() {
        StringBuilder b = new StringBuilder("voxgate lab load --target ").append(target).append(" --calls ").append(calls)
                .append(" --rate ").append(rate).append(" --hold ").append(hold).append(" --meeting ")
                .append(String.join(",", meetings)).append(" --talkers ").append(talkers);
        if (!codec.equalsIgnoreCase("pcmu")) {
            b.append(" --codec ").append(codec.toLowerCase(java.util.Locale.ROOT));
        }
        if (!transport.equals("udp")) {
            b.append(" --transport ").append(transport);
        }
        if (srtp) {
            b.append(" --srtp");
        }
        if (direct) {
            b.append(" --direct");
        }
        if (!pin.isEmpty()) {
            b.append(" --pin ****");
        }
        return b.toString();
    }
}
