package org.voxgate.server.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain HTTP on the metrics port, for Prometheus and orchestrators:
 *
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text format 0.0.4;</li>
 *   <li>{@code GET /health/live}: 200 while the process answers;</li>
 *   <li>{@code GET /health/ready}: 200 when SIP listens and the bridge is up, else 503.</li>
 * </ul>
 *
 * Other paths get 404, other methods than GET and HEAD 405. One thread serves requests, so
 * scrapes never run in parallel. No authentication: bind it to loopback or a management network.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts serving.
     *
     * @param port    0 for any free port ({@link #port()} tells which)
     * @param metrics renders the Prometheus text
     * @param ready   readiness
     * @throws IOException when the address cannot be bound
     */
    public static MetricsEndpoint start(InetAddress bind, int port, Supplier<String> metrics, BooleanSupplier ready)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        server.createContext("/", exchange -> handle(exchange, metrics, ready));
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "voxgate-metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new MetricsEndpoint(server, executor);
    }

    private static void handle(HttpExchange exchange, Supplier<String> metrics, BooleanSupplier ready) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            boolean head = method.equals("HEAD");
            if (!head && !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n", false);
                return;
            }
            switch (path) {
                case "/metrics" -> send(exchange, 200, PROMETHEUS_TEXT, metrics.get(), head);
                case "/health/live" -> send(exchange, 200, "application/json", "{\"status\":\"UP\"}\n", head);
                case "/health/ready" -> {
                    boolean up = ready.getAsBoolean();
                    send(exchange, up ? 200 : 503, "application/json",
                            "{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}\n", head);
                }
                default -> send(exchange, 404, "text/plain; charset=utf-8", "not found\n", head);
            }
        } catch (RuntimeException e) {
            LOG.warn("metrics request failed", e);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body, boolean head)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops serving at once. Idempotent. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
