package org.voxgate.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Kamailio (Debian's {@code kamailio}) as a real SIP peer for tests: a registrar, a proxy,
 * a dispatcher. The test gives the configuration text with {@code ${NAME}} placeholders; the
 * runner fills in {@code ${WORKDIR}} (a directory the test owns, for the ctl socket) and the
 * test's own values, checks the configuration ({@code kamailio -c}), starts it in the
 * foreground with logs to {@code kamailio.log} in the work directory, and waits until it
 * answers an OPTIONS on {@code ${PORT}} over UDP at the address of its first
 * {@code listen=udp:<address>:${PORT}} line (127.0.0.1 when there is none; the configuration
 * must answer an OPTIONS without a user part). {@link #close()} stops it (SIGTERM, then SIGKILL).
 */
public final class Kamailio implements AutoCloseable {
    private final Process process;
    private final Path workDir;
    private final Path log;
    private final int port;
    private final InetAddress address;

    private Kamailio(Process process, Path workDir, InetAddress address, int port) {
        this.process = process;
        this.workDir = workDir;
        this.log = workDir.resolve("kamailio.log");
        this.address = address;
        this.port = port;
    }

    /**
     * Starts Kamailio. Skips (or fails under CI) when it is not installed.
     *
     * @param cfg    the configuration, with {@code ${NAME}} placeholders
     * @param values placeholder values; must contain {@code PORT} (the UDP port it listens on)
     */
    public static Kamailio start(String cfg, Map<String, String> values, Path workDir)
            throws IOException, InterruptedException {
        Path kamailio = Peers.requireCommand("kamailio");
        Files.createDirectories(workDir);
        String text = cfg.replace("${WORKDIR}", workDir.toAbsolutePath().toString());
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("${" + e.getKey() + "}", e.getValue());
        }
        Path file = workDir.resolve("kamailio.cfg");
        Files.writeString(file, text);
        int port = Integer.parseInt(values.get("PORT"));
        Process check = new ProcessBuilder(kamailio.toString(), "-c", "-f", file.toString()).redirectErrorStream(true)
                .start();
        String checkOut = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
            throw new IllegalStateException("kamailio -c refused the configuration:\n" + checkOut);
        }
        List<String> cmd = new ArrayList<>(List.of(kamailio.toString(), "-f", file.toString(), "-DD", "-E",
                "-m", "32", "-M", "8", "-Y", workDir.toAbsolutePath().toString(),
                "-P", workDir.resolve("kamailio.pid").toString()));
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("kamailio.log").toFile()).start();
        Kamailio k = new Kamailio(p, workDir, udpAddress(text, port), port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("kamailio exited with " + p.exitValue() + "\n" + k.log());
            }
            if (k.answersOptions()) {
                return k;
            }
            Thread.sleep(100);
        }
        k.close();
        throw new IllegalStateException("kamailio did not answer OPTIONS on udp " + k.address.getHostAddress() + ":"
                + port + "\n" + k.log());
    }

    /** The address of the configuration's first {@code listen=udp:<address>:<port>}, else 127.0.0.1. */
    static InetAddress udpAddress(String cfg, int port) throws IOException {
        Matcher m = LISTEN_UDP.matcher(cfg);
        while (m.find()) {
            if (Integer.parseInt(m.group(2)) == port) {
                return InetAddress.getByName(m.group(1));
            }
        }
        return InetAddress.getLoopbackAddress();
    }

    private static final Pattern LISTEN_UDP =
            Pattern.compile("(?m)^\\s*listen\\s*=\\s*udp:([0-9.]+):(\\d+)\\s*$");

    private boolean answersOptions() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            s.setSoTimeout(200);
            String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
            String host = address.getHostAddress();
            String msg = "OPTIONS sip:" + host + ":" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=" + branch + "\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p1\r\nTo: <sip:" + host + ":" + port + ">\r\n"
                    + "Call-ID: " + branch + "@probe\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            byte[] b = msg.getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(b, b.length, address, port));
            byte[] buf = new byte[4096];
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            s.receive(in);
            return new String(buf, 0, in.getLength(), StandardCharsets.US_ASCII).startsWith("SIP/2.0 ");
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /**
     * Requires a Kamailio module (e.g. "tls", from Debian's kamailio-tls-modules): skips, or
     * fails under CI, when its {@code .so} is in no module directory.
     */
    public static void requireModule(String module) {
        for (Path dir : List.of(Path.of("/usr/lib/x86_64-linux-gnu/kamailio/modules"),
                Path.of("/usr/lib/aarch64-linux-gnu/kamailio/modules"), Path.of("/usr/lib/kamailio/modules"),
                Path.of("/usr/local/lib64/kamailio/modules"))) {
            if (Files.exists(dir.resolve(module + ".so"))) {
                return;
            }
        }
        String reason = "kamailio module " + module + " is not installed (Debian: kamailio-tls-modules for tls)";
        if (Peers.underCi()) {
            org.junit.jupiter.api.Assertions.fail("CI=true but " + reason);
        }
        org.junit.jupiter.api.Assumptions.abort("skipped: " + reason);
    }

    /** The address it was probed at (its first UDP listen address on {@link #port()}). */
    public InetAddress address() {
        return address;
    }

    /** The UDP port it answers on. */
    public int port() {
        return port;
    }

    /** The work directory (configuration, log, ctl socket). */
    public Path workDir() {
        return workDir;
    }

    /**
     * Runs an RPC command through {@code kamcmd} (the configuration must load {@code ctl.so}
     * with {@code modparam("ctl", "binrpc", "unix:${WORKDIR}/ctl.sock")}); returns its output.
     */
    public String rpc(String... command) throws IOException, InterruptedException {
        Path kamcmd = Peers.requireCommand("kamcmd");
        List<String> cmd = new ArrayList<>(List.of(kamcmd.toString(), "-s",
                "unix:" + workDir.toAbsolutePath().resolve("ctl.sock")));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    /** Everything Kamailio logged so far (for assertion messages). */
    public String log() {
        try {
            String s = Files.readString(log);
            return s.length() > 20_000 ? s.substring(s.length() - 20_000) : s;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops Kamailio and its children: SIGTERM, then SIGKILL after five seconds. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle c : children) {
            c.destroyForcibly();
        }
    }

    /** Kamailio's process id (to tell its log lines apart). */
    public long pid() {
        return process.pid();
    }
}
