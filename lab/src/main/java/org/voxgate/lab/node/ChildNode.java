package org.voxgate.lab.node;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A Voxgate node in a child JVM ({@code org.voxgate.server.Main serve} from this JVM's class
 * path), on loopback with a demo meeting, so that its CPU ({@code /metrics}) is apart from the
 * generator's. Started on construction (waits until {@code /metrics} answers), stopped on close.
 */
public final class ChildNode implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 90_000;

    private final Process process;
    private final NodePorts ports;
    private final Path log;

    /** @throws IOException when it does not start in 90 s (its log is named) */
    public ChildNode(String accessCode, int maxParticipants) throws IOException, InterruptedException {
        this.ports = new NodePorts(Math.max(40, maxParticipants * 2 + 20));
        Path data = Files.createTempDirectory("voxgate-lab-child");
        this.log = data.resolve("node.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "org.voxgate.server.Main", "serve"));
        pb.environment().putAll(ports.env(data.resolve("data").toString(), accessCode, maxParticipants));
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
