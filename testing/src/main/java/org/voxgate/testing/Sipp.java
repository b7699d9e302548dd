package org.voxgate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs SIPp (Debian's sip-tester) as a real SIP peer. One instance per scenario run; output
 * and SIPp's own logs land in a work directory the test owns, and {@link Result#describe()}
 * puts them into an assertion message.
 */
public final class Sipp {

    private final Path sipp;
    private final Path workDir;
    private final List<String> args = new ArrayList<>();
    private Duration timeout = Duration.ofSeconds(60);

    private Sipp(Path sipp, Path workDir) {
        this.sipp = sipp;
        this.workDir = workDir;
    }

    /** Skips (or fails under CI) when sipp is not installed. */
    public static Sipp scenario(Path scenarioXml, String remoteHostPort, Path workDir) {
        Sipp s = new Sipp(Peers.requireCommand("sipp"), workDir);
        s.args.addAll(List.of(remoteHostPort, "-sf", scenarioXml.toAbsolutePath().toString(),
                "-i", "127.0.0.1", "-m", "1", "-l", "1", "-nostdin", "-trace_err", "-trace_msg",
                "-timeout_error", "-aa"));
        return s;
    }

    public Sipp localPort(int port) {
        args.addAll(List.of("-p", Integer.toString(port)));
        return this;
    }

    public Sipp mediaPort(int port) {
        args.addAll(List.of("-mp", Integer.toString(port)));
        return this;
    }

    /** Request-URI user ({@code [service]} in scenarios). */
    public Sipp service(String user) {
        args.addAll(List.of("-s", user));
        return this;
    }

    /** A {@code [key]} value for the scenario. */
    public Sipp key(String key, String value) {
        args.addAll(List.of("-key", key, value));
        return this;
    }

    public Sipp transportTcp() {
        args.addAll(List.of("-t", "t1"));
        return this;
    }

    public Sipp arg(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    public Sipp timeout(Duration t) {
        this.timeout = t;
        args.addAll(List.of("-timeout", t.toSeconds() + "s"));
        return this;
    }

    /** Starts SIPp; {@link Running#await()} waits for it. */
    public Running start() throws IOException {
        Files.createDirectories(workDir);
        List<String> cmd = new ArrayList<>();
        cmd.add(sipp.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("sipp.out").toFile());
        return new Running(pb.start(), cmd, workDir, timeout.plusSeconds(15));
    }

    public Result run() throws IOException, InterruptedException {
        return start().await();
    }

    public static final class Running {
        private final Process process;
        private final List<String> cmd;
        private final Path workDir;
        private final Duration limit;

        Running(Process process, List<String> cmd, Path workDir, Duration limit) {
            this.process = process;
            this.cmd = cmd;
            this.workDir = workDir;
            this.limit = limit;
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public Result await() throws IOException, InterruptedException {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
            return new Result(process.exitValue(), cmd, workDir);
        }

        public void kill() {
            process.destroyForcibly();
        }
    }

    /**
     * What SIPp reported. Exit 0: all calls succeeded; 1: at least one failed; other codes are
     * SIPp errors (see its manual).
     */
    public record Result(int exitCode, List<String> command, Path workDir) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** Command, exit code, and the tails of SIPp's output, error and message logs. */
        public String describe() throws IOException {
            StringBuilder sb = new StringBuilder("sipp exit ").append(exitCode).append('\n')
                    .append(String.join(" ", command)).append('\n');
            try (var files = Files.list(workDir)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".out") || name.endsWith("_errors.log") || name.endsWith("_messages.log")) {
                        // lenient: SIPp's screen and message logs may carry bytes that are not UTF-8
                        String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8);
                        sb.append("---- ").append(name).append('\n')
                                .append(text.length() > 6000 ? text.substring(text.length() - 6000) : text).append('\n');
                    }
                }
            }
            return sb.toString();
        }
    }
}
