package org.voxgate.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The endpoint over a real loopback socket, with stand-in metrics and readiness. */
class MetricsEndpointIT {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> request(int port, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesMetricsAndHealthAndRefusesTheRest() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        AtomicInteger scrapes = new AtomicInteger();
        try (MetricsEndpoint e = MetricsEndpoint.start(InetAddress.getLoopbackAddress(), 0,
                () -> "x_total " + scrapes.incrementAndGet() + "\n", ready::get)) {
            int port = e.port();
            assertThat(port).isPositive();
            HttpResponse<String> m = request(port, "GET", "/metrics");
            assertThat(m.statusCode()).isEqualTo(200);
            assertThat(m.headers().firstValue("Content-Type")).hasValue(MetricsEndpoint.PROMETHEUS_TEXT);
            assertThat(m.body()).isEqualTo("x_total 1\n");
            assertThat(request(port, "GET", "/metrics").body()).isEqualTo("x_total 2\n");

            assertThat(request(port, "GET", "/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> notReady = request(port, "GET", "/health/ready");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("DOWN");
            ready.set(true);
            assertThat(request(port, "GET", "/health/ready").statusCode()).isEqualTo(200);

            HttpResponse<String> head = request(port, "HEAD", "/health/ready");
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(request(port, "GET", "/admin").statusCode()).isEqualTo(404);
            HttpResponse<String> post = request(port, "POST", "/metrics");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }
    }
}
