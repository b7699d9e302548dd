package org.voxgate.lab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kamailio as a plain SIP server, the calls/s reference: stateless ({@code sl}), answers every
 * INVITE 200 with an SDP body, BYE (and anything else) 200, drops ACK; no media, no dialog
 * state. Started in the foreground ({@code -DD}) on loopback UDP; {@link #cpuSeconds()} sums
 * its process tree from {@code /proc}.
 */
final class KamailioServer implements AutoCloseable {
    private static final List<Path> MODULE_DIRS = List.of(Path.of("/usr/lib/x86_64-linux-gnu/kamailio/modules"),
            Path.of("/usr/lib/aarch64-linux-gnu/kamailio/modules"), Path.of("/usr/lib/kamailio/modules"),
            Path.of("/usr/local/lib64/kamailio/modules"));

    private final Process process;
    private final Path log;

    private KamailioServer(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * The configuration text.
     *
     * @param port       UDP port on 127.0.0.1
     * @param moduleDir  directory of sl.so and textops.so, or null to leave Kamailio's default
     * @param children   UDP worker processes
     */
    static String config(int port, Path moduleDir, int children) {
        if (port < 1 || port > 65535 || children < 1) {
            throw new IllegalArgumentException("port 1-65535, children >= 1");
        }
        String sdp = "v=0\\r\\no=- 1 1 IN IP4 127.0.0.1\\r\\ns=-\\r\\nc=IN IP4 127.0.0.1\\r\\nt=0 0\\r\\n"
                + "m=audio 9 RTP/AVP 0\\r\\na=rtpmap:0 PCMU/8000\\r\\n";
        return "#!KAMAILIO\n"
                + "# Written by voxgate lab report (calls-rate): a plain SIP server on loopback that answers every\n"
                + "# INVITE 200 with an SDP body (stateless, sl), BYE 200, drops ACK. No media, no state.\n"
                + "debug=1\nlog_stderror=yes\nfork=yes\nchildren=" + children + "\nauto_aliases=no\n"
                + "listen=udp:127.0.0.1:" + port + "\n"
                + (moduleDir == null ? "" : "mpath=\"" + moduleDir + "/\"\n")
                + "loadmodule \"sl.so\"\nloadmodule \"textops.so\"\n\n"
                + "request_route {\n"
                + "    if (is_method(\"ACK\")) {\n        exit;\n    }\n"
                + "    if (is_method(\"INVITE\")) {\n"
                + "        append_to_reply(\"Contact: <sip:kamailio@127.0.0.1:" + port + ">\\r\\n\");\n"
                + "        set_reply_body(\"" + sdp + "\", \"application/sdp\");\n"
                + "        sl_send_reply(\"200\", \"OK\");\n        exit;\n    }\n"
                + "    sl_send_reply(\"200\", \"OK\");\n"
                + "}\n";
    }

    /** @return the directory holding sl.so, or null */
    static Path moduleDir() {
        return MODULE_DIRS.stream().filter(d -> Files.exists(d.resolve("sl.so"))).findFirst().orElse(null);
    }

    /**
     * Writes the configuration into {@code workDir}, checks it ({@code kamailio -c}) and starts it.
     *
     * @throws IOException when the check or the start fails (Kamailio's output is in the message)
     */
    static KamailioServer start(Path kamailio, int port, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path cfg = workDir.resolve("kamailio.cfg");
        Files.writeString(cfg, config(port, moduleDir(), 2));
        Process check = new ProcessBuilder(kamailio.toString(), "-c", "-f", cfg.toString()).redirectErrorStream(true)
                .start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
            throw new IOException("kamailio -c refused " + cfg + ":\n" + out);
        }
        Path log = workDir.resolve("kamailio.log");
        Process p = new ProcessBuilder(kamailio.toString(), "-f", cfg.toString(), "-DD", "-E", "-m", "32", "-M", "8",
                "-Y", workDir.toString(), "-P", workDir.resolve("kamailio.pid").toString())
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Thread.sleep(1500); // forks its workers
        if (!p.isAlive()) {
            throw new IOException("kamailio exited with " + p.exitValue() + "; see " + log);
        }
        return new KamailioServer(p, log);
    }

    /** CPU seconds of Kamailio's main process and its workers. */
    double cpuSeconds() {
        return ProcStat.treeCpuSeconds(process.toHandle());
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
