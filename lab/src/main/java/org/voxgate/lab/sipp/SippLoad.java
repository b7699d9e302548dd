package org.voxgate.lab.sipp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code lab load --generator sipp}: the same calls placed by SIPp instead of the lab's own user
 * agent, for a second opinion on the node. SIPp dials the number directly (it types no access
 * code), sends a 1 kHz PCMU tone from a pcap for the hold, then hangs up; set-up times come from
 * its {@code -trace_rtt} (INVITE to 200).
 *
 * @param sipp     the sipp executable
 * @param scenario the dial-in scenario with {@code @PCAP@} and {@code @HOLD_MS@} placeholders
 *                 ({@code server/src/test/resources/sipp/dialin.xml})
 */
public record SippLoad(Path sipp, Path scenario, String targetHost, int targetPort, String localAddress,
                       String number, int calls, double callsPerSecond, int holdSeconds) {

    /** What SIPp did: its exit code (0: every call succeeded; -1: killed after a time-out), set-up times. */
    public record Result(int calls, int exitCode, List<Double> setupMs, Path workDir, List<String> command) {
        /** Calls whose 200 arrived. */
        public int answered() {
            return setupMs.size();
        }

        /** Markdown report. */
        public String markdown(String commandLine) {
            StringBuilder b = new StringBuilder("# lab load (SIPp)\n\n");
            b.append("Command: `").append(commandLine).append("`\n\nSIPp: `").append(String.join(" ", command))
                    .append("` in `").append(workDir).append("`\n\n");
            b.append("| placed | answered | failed | SIPp exit | set-up p50 | p95 | p99 | max |\n");
            b.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            b.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %s | %s | %s | %s |%n", calls, answered(),
                    calls - answered(), exitCode, ms(50), ms(95), ms(99), ms(100)));
            b.append("\nSet-up time: INVITE sent to 200 OK received, from SIPp's `-trace_rtt` (1 ms resolution). "
                    + "SIPp's own statistics and log are in its work directory.\n");
            return b.toString();
        }

        private String ms(double p) {
            double v = SippRun.percentile(setupMs, p);
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f ms", v);
        }
    }

    /** Runs SIPp to the end; progress lines go to standard error. */
    public Result run() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("voxgate-lab-sipp");
        double placingS = calls / callsPerSecond;
        int holdMs = holdSeconds * 1000;
        TonePcapFile.write(dir.resolve("tone.pcap"), holdSeconds + 2);
        Files.writeString(dir.resolve("dialin.xml"), Files.readString(scenario)
                .replace("@PCAP@", dir.resolve("tone.pcap").toString()).replace("@HOLD_MS@", Integer.toString(holdMs)));
        List<String> args = new ArrayList<>(List.of(targetHost + ":" + targetPort, "-sf", "dialin.xml", "-s", number,
                "-i", localAddress, "-p", Integer.toString(SippRun.freeUdpPorts(1)),
                "-mp", Integer.toString(SippRun.freeUdpPorts(4)),
                "-r", String.format(Locale.ROOT, "%.3f", callsPerSecond), "-m", Integer.toString(calls),
                "-l", Integer.toString(calls), "-trace_rtt", "-rtt_freq", "1", "-nostdin"));
        List<String> command = new ArrayList<>(List.of(sipp.toString()));
        command.addAll(args);
        try (SippRun run = SippRun.start(sipp, dir, args)) {
            int exit = run.waitFor((long) Math.ceil(placingS) + holdSeconds + 64);
            return new Result(calls, exit, run.setupMs(), dir, command);
        }
    }

    /** The dial-in scenario from the repository root or the lab module's directory, or null. */
    public static Path defaultScenario() {
        for (String p : List.of("server/src/test/resources/sipp/dialin.xml",
                "../server/src/test/resources/sipp/dialin.xml")) {
            if (Files.isRegularFile(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }
}
