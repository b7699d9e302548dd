package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.sip.fake.FakeDirectory;
import org.voxgate.sip.fake.FakeMediaBridge;
import org.voxgate.sip.sipp.Sipp;
import org.voxgate.sip.wire.Messages;
import org.voxgate.sip.wire.UdpSipClient;
import org.voxgate.sip.wire.UdpSipClient.SipMessage;
import org.voxgate.testing.Peers;

/**
 * The defence with SIPp and bare UDP/TCP clients on loopback, with the pike defaults (16 requests
 * per 2 s per source, 300 s ban). Sources are told apart by loopback address: SIPp binds
 * 127.0.0.2 or 127.0.0.3 ({@code -i}).
 */
class DefenceIT {
    private static final Duration QUIET = Duration.ofMillis(1_000);

    private FakeMediaBridge bridge;
    private SipGateway gateway;
    private int port;

    @BeforeEach
    void start() throws Exception {
        Peers.requireCommand("sipp");
        port = Sipp.freePort();
        bridge = FakeMediaBridge.autoPlaying(Duration.ofMillis(50));
        gateway = new SipGateway(SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port), bridge,
                new FakeDirectory().add(new Meeting("m-open", "1234", null, null, 10)));
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
        bridge.close();
    }

    private long rejections(SecurityReason reason) {
        return gateway.statistics().securityRejections().get(reason);
    }

    private long sent(String method, int status) {
        return gateway.statistics().responsesSent().getOrDefault(new SipStatistics.MethodStatus(method, status), 0L);
    }

    @Test
    void aFloodingSourceIsBannedAndThenHearsNothingWhileAnotherSourceIsAnswered() throws Exception {
        // 60 OPTIONS at 200 a second from 127.0.0.2, no retransmissions
        Sipp.runFrom("127.0.0.2", "options-flood.xml", port, Map.of(), List.of("-r", "200", "-nr"), 60, 60);
        assertThat(sent("OPTIONS", 200)).as("answers before the ban").isEqualTo(16);
        assertThat(rejections(SecurityReason.RATE_LIMITED)).isEqualTo(1);
        assertThat(rejections(SecurityReason.BANNED)).isEqualTo(60 - 17);
        assertThat(gateway.bannedSources()).isEqualTo(1);

        try (UdpSipClient banned = new UdpSipClient(port, InetAddress.getByName("127.0.0.2"))) {
            banned.send(Messages.options(banned.localPort(), port));
            assertThat(banned.receive(QUIET)).as("silence for the banned source").isNull();
        }
        Sipp.Result other = Sipp.run("options.xml", port, Map.of());
        assertThat(other.passed()).as("127.0.0.1 is still answered: " + other).isTrue();
        assertThat(sent("OPTIONS", 200)).isEqualTo(17);
    }

    @Test
    void aScannerUserAgentGetsNoAnswerAndNoTransaction() throws Exception {
        Sipp.Result r = Sipp.runFrom("127.0.0.3", "scanner-options.xml", port, Map.of("ua", "friendly-scanner"),
                List.of(), 1, 1);
        assertThat(r.passed()).as("no answer to friendly-scanner: " + r).isTrue();
        assertThat(rejections(SecurityReason.SCANNER)).isEqualTo(1);
        assertThat(gateway.statistics().responsesSent()).isEmpty();
        // the same probe from an ordinary phone is answered, which fails the scenario
        Sipp.Result phone = Sipp.runFrom("127.0.0.3", "scanner-options.xml", port, Map.of("ua", "Linphone/5.2"),
                List.of(), 1, 1);
        assertThat(phone.passed()).as("an answer fails the silence scenario: " + phone).isFalse();
        assertThat(sent("OPTIONS", 200)).isEqualTo(1);
    }

    @Test
    void messageAndSubscribeGet405AndAreCounted() throws Exception {
        Sipp.Result r = Sipp.run("message-subscribe.xml", port, Map.of());
        assertThat(r.passed()).as(r.toString()).isTrue();
        assertThat(sent("MESSAGE", 405)).isEqualTo(1);
        assertThat(sent("SUBSCRIBE", 405)).isEqualTo(1);
        assertThat(rejections(SecurityReason.METHOD_NOT_ALLOWED)).isEqualTo(2);
    }

    @Test
    void inDialogRequestForNoDialogGets481CountedAsNoDialog() throws Exception {
        try (UdpSipClient client = new UdpSipClient(port)) {
            Messages.Dialog d = Messages.newDialog(client.localPort(), port).withToTag("nosuchtag");
            client.send(Messages.inDialog("BYE", d, 2, "", null, null));
            SipMessage r = client.finalResponse("BYE", Duration.ofSeconds(3));
            assertThat(r).isNotNull();
            assertThat(r.status()).isEqualTo(481);
        }
        assertThat(rejections(SecurityReason.NO_DIALOG)).isEqualTo(1);
    }

    @Test
    void aLongRequestUriGets414AndTooManyHeaders400() throws Exception {
        try (UdpSipClient client = new UdpSipClient(port)) {
            Messages.Dialog d = Messages.newDialog(client.localPort(), port);
            client.send(Messages.request("OPTIONS", "u".repeat(600), d, 1, "OPTIONS", UdpSipClient.token(), "", null,
                    null));
            SipMessage r = client.finalResponse("OPTIONS", Duration.ofSeconds(3));
            assertThat(r).isNotNull();
            assertThat(r.status()).isEqualTo(414);

            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 120; i++) {
                many.append("X-Pad-").append(i).append(": ").append(i).append("\r\n");
            }
            client.send(Messages.request("OPTIONS", "conf", Messages.newDialog(client.localPort(), port), 1, "OPTIONS",
                    UdpSipClient.token(), many.toString(), null, null));
            r = client.finalResponse("OPTIONS", Duration.ofSeconds(3));
            assertThat(r).isNotNull();
            assertThat(r.status()).isEqualTo(400);
        }
        assertThat(rejections(SecurityReason.OVERSIZED)).isEqualTo(2);
    }

    @Test
    void aDatagramOverSixteenKilobytesIsRefused() throws Exception {
        String body = "x".repeat(20_000);
        try (UdpSipClient client = new UdpSipClient(port)) {
            client.send(Messages.request("OPTIONS", "conf", Messages.newDialog(client.localPort(), port), 1, "OPTIONS",
                    UdpSipClient.token(), "", "text/plain", body));
            SipMessage r = client.finalResponse("OPTIONS", Duration.ofSeconds(3));
            assertThat(r).isNotNull();
            assertThat(r.status()).as(r.firstLine()).isEqualTo(413);
            assertThat(rejections(SecurityReason.OVERSIZED)).isEqualTo(1);
            // a message of 16 KB less a little is still taken
            client.send(Messages.request("OPTIONS", "conf", Messages.newDialog(client.localPort(), port), 1, "OPTIONS",
                    UdpSipClient.token(), "", "text/plain", "x".repeat(15_000)));
            SipMessage ok = client.finalResponse("OPTIONS", Duration.ofSeconds(3));
            assertThat(ok).isNotNull();
            assertThat(ok.status()).isEqualTo(200);
        }
        assertThat(sent("OPTIONS", 200)).as("the oversized one was never answered 200").isEqualTo(1);
    }

    @Test
    void aTcpMessageOverTheLimitGets413AndOverTheStackLimitIsDropped() throws Exception {
        String big = Messages.request("OPTIONS", "conf", Messages.newDialog(40_000, port), 1, "OPTIONS",
                UdpSipClient.token(), "", "text/plain", "x".repeat(20_000)).replace("SIP/2.0/UDP", "SIP/2.0/TCP");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(2_000);
            s.getOutputStream().write(big.getBytes(StandardCharsets.UTF_8));
            assertThat(read(s.getInputStream())).startsWith("SIP/2.0 413");
        }
        String huge = Messages.request("OPTIONS", "conf", Messages.newDialog(40_000, port), 1, "OPTIONS",
                UdpSipClient.token(), "", "text/plain", "x".repeat(100_000)).replace("SIP/2.0/UDP", "SIP/2.0/TCP");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(2_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(huge.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (java.io.IOException closedOnUs) {
                // the stack may close the connection while we still write: refused
            }
            String answer = read(s.getInputStream());
            assertThat(answer).as("over the stack's 64 KB: no answer").doesNotContain("SIP/2.0");
        }
        assertThat(sent("OPTIONS", 200)).isZero();
        assertThat(rejections(SecurityReason.OVERSIZED)).isEqualTo(1);
    }

    private static String read(InputStream in) {
        StringBuilder b = new StringBuilder();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                b.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (java.io.IOException timeoutOrReset) {
            // nothing more
        }
        return b.toString();
    }
}
