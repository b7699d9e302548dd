package org.voxgate.lab.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** OPTIONS pings over real loopback sockets. */
class OptionsPingTest {

    @Test
    void aSilentUdpHostIsANoAnswerAfterRetransmissions() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            long t0 = System.nanoTime();
            OptionsPing.Result r = OptionsPing.ping("127.0.0.1", InetAddress.getLoopbackAddress(), silent.getLocalPort(),
                    "udp", Duration.ofMillis(1200), null);
            assertThat(r.status()).isZero();
            assertThat(r.error()).contains("no answer");
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(1100);
            silent.setSoTimeout(100);
            int received = 0;
            byte[] buf = new byte[2000];
            try {
                while (true) {
                    silent.receive(new DatagramPacket(buf, buf.length));
                    received++;
                }
            } catch (java.net.SocketTimeoutException e) {
                // drained
            }
            assertThat(received).as("sent at 0 and 0.5 s (timer E)").isEqualTo(2);
        }
    }

    @Test
    void aProvisionalAnswerIsSkippedAndTheFinalOneTaken() throws Exception {
        try (DatagramSocket carrier = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try {
                    byte[] buf = new byte[2000];
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    carrier.receive(p);
                    String req = new String(buf, 0, p.getLength(), StandardCharsets.US_ASCII);
                    assertThat(req).startsWith("OPTIONS sip:127.0.0.1:" + carrier.getLocalPort() + " SIP/2.0\r\n");
                    for (String answer : new String[] {"SIP/2.0 100 Trying\r\n\r\n", "SIP/2.0 405 Method Not Allowed\r\n\r\n"}) {
                        byte[] b = answer.getBytes(StandardCharsets.US_ASCII);
                        carrier.send(new DatagramPacket(b, b.length, p.getSocketAddress()));
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            t.start();
            OptionsPing.Result r = OptionsPing.ping("127.0.0.1", InetAddress.getLoopbackAddress(),
                    carrier.getLocalPort(), "udp", Duration.ofSeconds(3), null);
            t.join();
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.statusLine()).isEqualTo("SIP/2.0 405 Method Not Allowed");
        }
    }

    @Test
    void aClosedTcpPortIsReported() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        OptionsPing.Result r = OptionsPing.ping("127.0.0.1", InetAddress.getLoopbackAddress(), port, "tcp",
                Duration.ofSeconds(2), null);
        assertThat(r.status()).isZero();
        assertThat(r.error()).contains("ConnectException");
    }

    @Test
    void finalStatusParsing() {
        assertThat(OptionsPing.finalStatus("SIP/2.0 180 Ringing\r\n")).isNull();
        assertThat(OptionsPing.finalStatus("INVITE sip:x SIP/2.0\r\n")).isNull();
        assertThat(OptionsPing.finalStatus("SIP/2.0 2")).isNull();
        assertThat(OptionsPing.finalStatus("SIP/2.0 200 OK\r\nVia: x\r\n").status()).isEqualTo(200);
    }
}
