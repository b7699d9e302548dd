package org.voxgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.server.metrics.PrometheusText;
import org.voxgate.testing.FreePorts;
import org.voxgate.testing.Pcap;
import org.voxgate.testing.RtpStream;
import org.voxgate.testing.Sipp;

/**
 * The whole server's metrics port: health checks, and counters that move while SIPp dials in,
 * types the access code as RFC 4733 events, talks and hangs up.
 */
class MetricsIT {

    @TempDir
    Path dir;

    private ServerFixture fixture;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start(dir.resolve("data"), Map.of());
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.server.metricsPort() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private double metric(String text, String name, String... labels) {
        Map<String, String> l = new java.util.HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            l.put(labels[i], labels[i + 1]);
        }
        return PrometheusText.sum(text, name, l);
    }

    @Test
    void healthAndJvmMetricsOnAnEphemeralPort() throws Exception {
        assertThat(fixture.server.metricsPort()).isPositive().isNotEqualTo(9100);
        assertThat(fixture.server.banner()).contains("/metrics").contains("only; others need a trunk, or their network in sip.localCallerNetworks");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        String text = get("/metrics").body();
        assertThat(metric(text, "jvm_memory_used_bytes", "area", "heap")).isPositive();
        assertThat(metric(text, "process_cpu_usage")).isNotNaN();
        assertThat(metric(text, "voxgate_process_resident_memory_bytes")).isGreaterThan(10_000_000);
        assertThat(metric(text, "voxgate_calls_active")).isZero();
        assertThat(text).contains("voxgate_sip_registrations{state=\"REGISTERED\"} 0")
                .contains("voxgate_sip_registrations{state=\"FAILED\"} 0");
        assertThat(metric(text, "voxgate_calls_started_total")).isZero();
        assertThat(metric(text, "voxgate_rtp_packets_dropped_total", "reason", "WRONG_SOURCE")).isZero();
        assertThat(metric(text, "voxgate_ivr_outcomes_total", "outcome", "JOINED")).isZero();
        int port = fixture.server.metricsPort();
        fixture.close();
        fixture = null;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health/live")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void aTakenMetricsPortStopsStartUpAndReleasesSip() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Map<String, String> env = ServerFixture.environment(dir.resolve("data2"),
                    Map.of("VOXGATE_METRICS_PORT", Integer.toString(taken.getLocalPort())));
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> VoxgateServer.start(org.voxgate.server.config.ConfigLoader.load(null, env)))
                    .isInstanceOf(StartupException.class).hasMessageContaining("metrics on 127.0.0.1:" + taken.getLocalPort());
            int sip = Integer.parseInt(env.get("VOXGATE_SIP_UDP_PORT"));
            try (java.net.DatagramSocket again = new java.net.DatagramSocket(sip, java.net.InetAddress.getByName("127.0.0.1"))) {
                assertThat(again.getLocalPort()).isEqualTo(sip); // the half-started server let SIP go
            }
        }
    }

    @Test
    void securityRejectionsAndBansAreExported() throws Exception {
        fixture.close();
        fixture = ServerFixture.start(dir.resolve("data3"), Map.of("VOXGATE_SIP_DEFENCE_REQUESTS_PER_WINDOW", "3",
                "VOXGATE_SIP_DEFENCE_RATE_WINDOW_SECONDS", "60"));
        String before = get("/metrics").body();
        assertThat(metric(before, "voxgate_sip_security_rejections_total", "reason", "RATE_LIMITED")).isZero();
        assertThat(metric(before, "voxgate_sip_banned_sources")).isZero();
        int sip = fixture.sipPort;
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.0.5"))) {
            for (int i = 0; i < 5; i++) {
                String options = "OPTIONS sip:x@127.0.0.1:" + sip + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.5:" + s.getLocalPort() + ";branch=z9hG4bK-m" + i + "\r\n"
                        + "From: <sip:a@127.0.0.5>;tag=t" + i + "\r\nTo: <sip:x@127.0.0.1>\r\n"
                        + "Call-ID: metrics-" + i + "@127.0.0.5\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
                        + "Content-Length: 0\r\n\r\n";
                byte[] b = options.getBytes(StandardCharsets.US_ASCII);
                s.send(new java.net.DatagramPacket(b, b.length, java.net.InetAddress.getByName("127.0.0.1"), sip));
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> metric(get("/metrics").body(),
                "voxgate_sip_security_rejections_total", "reason", "BANNED") == 1);
        String after = get("/metrics").body();
        assertThat(metric(after, "voxgate_sip_security_rejections_total", "reason", "RATE_LIMITED")).isEqualTo(1);
        assertThat(metric(after, "voxgate_sip_security_rejections_total", "reason", "SCANNER")).isZero();
        assertThat(metric(after, "voxgate_sip_banned_sources")).isEqualTo(1);
    }

    @Test
    void countersMoveDuringASippCall() throws Exception {
        RtpStream rtp = new RtpStream(0x5EED, 100, 0, 101).silence(1000);
        for (char d : (ServerFixture.ACCESS_CODE + "#").toCharArray()) {
            rtp.event(d, 100).silence(100);
        }
        rtp.silence(3000);
        Path pcap = dir.resolve("caller.pcap");
        Pcap.writeUdp(pcap, rtp.packets(), 6000, 6000);
        Sipp.Running call = sipp(pcap, 5000).service("conference").start();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> metric(get("/metrics").body(), "voxgate_ivr_outcomes_total", "outcome", "JOINED") == 1
                        || !call.isAlive());
        String during = get("/metrics").body();
        assertThat(metric(during, "voxgate_calls_active")).isEqualTo(1);
        assertThat(metric(during, "voxgate_legs_open")).isEqualTo(1);
        assertThat(metric(during, "voxgate_conferences_active")).isEqualTo(1);
        assertThat(metric(during, "voxgate_ivr_outcomes_total", "outcome", "JOINED")).isEqualTo(1);
        Sipp.Result r = call.await();
        assertThat(r.ok()).as(r.describe()).isTrue();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> metric(get("/metrics").body(), "voxgate_calls_ended_total", "cause", "CALLER_HANGUP") == 1);

        String after = get("/metrics").body();
        assertThat(metric(after, "voxgate_calls_active")).isZero();
        assertThat(metric(after, "voxgate_legs_open")).isZero();
        assertThat(metric(after, "voxgate_calls_started_total")).isEqualTo(1);
        assertThat(metric(after, "voxgate_calls_ended_total")).isEqualTo(1);
        assertThat(metric(after, "voxgate_sip_requests_received_total", "method", "INVITE")).isEqualTo(1);
        assertThat(metric(after, "voxgate_sip_requests_received_total", "method", "BYE")).isEqualTo(1);
        assertThat(metric(after, "voxgate_sip_responses_sent_total", "method", "INVITE", "status", "200")).isEqualTo(1);
        assertThat(metric(after, "voxgate_sip_responses_sent_total", "method", "BYE", "status", "200")).isEqualTo(1);
        // ~1.6 s of silence and events before the join plus 3 s after, one packet per 20 ms
        assertThat(metric(after, "voxgate_rtp_packets_received_total")).isGreaterThan(150);
        assertThat(metric(after, "voxgate_rtp_packets_sent_total")).isGreaterThan(100);
        assertThat(metric(after, "voxgate_rtp_packets_lost_total")).isZero();
        assertThat(metric(after, "voxgate_rtp_packets_dropped_total")).isNotNaN();
        assertThat(metric(after, "voxgate_mixer_late_ticks_total")).isNotNaN();
    }

    private Sipp sipp(Path pcap, int holdMs) throws IOException {
        String xml = new String(getClass().getResourceAsStream("/sipp/dialin.xml").readAllBytes(), StandardCharsets.UTF_8)
                .replace("@PCAP@", pcap.toString()).replace("@HOLD_MS@", Integer.toString(holdMs));
        Path work = Files.createTempDirectory(dir, "sipp-");
        Path file = work.resolve("dialin.xml");
        Files.writeString(file, xml);
        return Sipp.scenario(file, fixture.sipTarget(), work)
                .localPort(FreePorts.udpAndTcp()).mediaPort(FreePorts.udpRange(4)).timeout(Duration.ofSeconds(60));
    }
}
