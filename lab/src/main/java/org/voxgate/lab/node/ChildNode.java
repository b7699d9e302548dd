package org.voxgate.lab.node;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A Voxgate node in a child JVM ({@code org.voxgate.server.Main serve} from this JVM's class
 * path), on loopback with a demo meeting, so that its CPU ({@code /metrics}) is apart from the
 * generator's. Started on construction (waits until {@code /metrics} answers), stopped on close.
 */
public final class ChildNode implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 90_000;

    /** The JVM flags the {@code ./voxgate} launcher passes (SRTP fast paths, see srtp/README.md). */
    public static final List<String> LAUNCHER_JVM_FLAGS = List.of(
            "--add-opens=java.base/sun.security.provider=ALL-UNNAMED",
            "--add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED");

    /**
     * How to start the child node.
     *
     * @param accessCode      the demo meeting's access code (dial "conference", type it)
     * @param maxParticipants demo meeting size; RTP ports and sip.maxCalls are sized from it too
     * @param admin           serve the admin API (plain HTTP on loopback, a bootstrap key) so
     *                        {@link #createMeeting} works
     * @param tls             open a SIP-TLS port ({@link #sipTlsPort()}; self-signed certificate)
     * @param extraEnv        more environment variables (reference.yaml names), applied last
     */
    public record Options(String accessCode, int maxParticipants, boolean admin, boolean tls,
                          Map<String, String> extraEnv) {
        public Options {
            extraEnv = Map.copyOf(extraEnv);
        }

        /** Demo meeting only, no admin API, no TLS. */
        public static Options demo(String accessCode, int maxParticipants) {
            return new Options(accessCode, maxParticipants, false, false, Map.of());
        }
    }

    private final Process process;
    private final NodePorts ports;
    private final Path log;
    private final String adminKey;
    private final int adminPort;
    private final int tlsPort;

    /** @throws IOException when it does not start in 90 s (its log is named) */
    public ChildNode(String accessCode, int maxParticipants) throws IOException, InterruptedException {
        this(Options.demo(accessCode, maxParticipants));
    }

    /** @throws IOException when it does not start in 90 s (its log is named) */
    public ChildNode(Options options) throws IOException, InterruptedException {
        this.ports = new NodePorts(Math.max(40, options.maxParticipants() * 2 + 20));
        Path data = Files.createTempDirectory("voxgate-lab-child");
        this.log = data.resolve("node.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(LAUNCHER_JVM_FLAGS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.voxgate.server.Main", "serve"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(ports.env(data.resolve("data").toString(), options.accessCode(),
                options.maxParticipants()));
        if (options.admin()) {
            adminPort = NodePorts.freeTcpPort();
            adminKey = "vgk_" + HexFormat.of().formatHex(randomBytes(8)) + "_"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32)).substring(0, 43);
            pb.environment().put("VOXGATE_ADMIN_ENABLED", "true");
            pb.environment().put("VOXGATE_ADMIN_PORT", Integer.toString(adminPort));
            pb.environment().put("VOXGATE_ADMIN_BIND_ADDRESS", "127.0.0.1");
            pb.environment().put("VOXGATE_ADMIN_PLAIN_HTTP", "true");
            pb.environment().put("VOXGATE_ADMIN_BOOTSTRAP_KEY", adminKey);
        } else {
            adminPort = 0;
            adminKey = null;
        }
        if (options.tls()) {
            tlsPort = NodePorts.freeTcpPort();
            pb.environment().put("VOXGATE_SIP_TLS_PORT", Integer.toString(tlsPort));
        } else {
            tlsPort = 0;
        }
        pb.environment().putAll(options.extraEnv());
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        process = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "lab-child-node-stop")); // dies with us
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("the node exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(metricsUri()).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not up yet
            }
            if (System.currentTimeMillis() > deadline) {
                close();
                throw new IOException("the node did not answer /metrics in 90 s; see " + log);
            }
            Thread.sleep(250);
        }
    }

    public int sipPort() {
        return ports.sip;
    }

    /** @return the SIP-TLS port, 0 unless started with {@link Options#tls()} */
    public int sipTlsPort() {
        return tlsPort;
    }

    /** @return the node's log file (standard output and error) */
    public Path log() {
        return log;
    }

    /**
     * Creates a meeting through the admin API ({@code POST /api/v1/meetings}).
     *
     * @throws IllegalStateException when the node was started without {@link Options#admin()}
     * @throws IOException when the API does not answer 201 (its answer is in the message)
     */
    public void createMeeting(String name, String accessCode, int maxParticipants)
            throws IOException, InterruptedException {
        if (adminKey == null) {
            throw new IllegalStateException("the child node was started without its admin API");
        }
        String body = "{\"name\":\"" + name + "\",\"accessCode\":\"" + accessCode + "\",\"maxParticipants\":"
                + maxParticipants + "}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + adminPort + "/api/v1/meetings"))
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201 && r.statusCode() != 200) {
            throw new IOException("creating meeting " + accessCode + ": HTTP " + r.statusCode() + " " + r.body());
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    public URI metricsUri() {
        return URI.create("http://127.0.0.1:" + ports.metrics + "/metrics");
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
