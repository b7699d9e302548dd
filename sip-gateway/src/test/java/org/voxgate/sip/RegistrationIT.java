package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.sip.fake.FakeDirectory;
import org.voxgate.sip.fake.FakeMediaBridge;
import org.voxgate.sip.fake.FakeTrunks;
import org.voxgate.testing.FreePorts;
import org.voxgate.testing.Kamailio;

/**
 * Outbound registration against a real registrar: Kamailio 5.6 with digest auth (auth module,
 * password in its configuration) and an in-memory location table. Kamailio caps the expiry at
 * 10 s, so a refresh comes within 5 s.
 */
class RegistrationIT {
    private static final String REALM = "voxgate.test";

    @TempDir
    Path dir;
    private Kamailio kamailio;
    private SipGateway gateway;
    private final FakeTrunks trunks = new FakeTrunks();
    private int sipPort;

    private void startKamailio(String algorithm) throws Exception {
        String cfg = Files.readString(Path.of("src/test/resources/kamailio/registrar.cfg"));
        int port = FreePorts.udpAndTcp();
        kamailio = Kamailio.start(cfg, Map.of("PORT", Integer.toString(port), "REALM", REALM, "USER", "alice",
                "PASSWORD", "correct horse", "MAX_EXPIRES", "10", "ALGORITHM", algorithm, "DEFINES", ""),
                dir.resolve("kamailio"));
    }

    private void startGateway() throws Exception {
        sipPort = FreePorts.udpAndTcp();
        gateway = new SipGateway(SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(sipPort, sipPort),
                FakeMediaBridge.autoPlaying(Duration.ofMillis(100)), new FakeDirectory(), null, trunks);
        gateway.start();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (kamailio != null) {
            kamailio.close();
        }
    }

    private Trunk trunk(String password, String realm) {
        return FakeTrunks.registering("t1", "127.0.0.1", kamailio.port(), Trunk.Transport.UDP, "alice", password,
                realm, 300);
    }

    private RegistrationStatus status() {
        return gateway.registrations().get("t1");
    }

    private String contact() {
        return "sip:alice@127.0.0.1:" + sipPort + ";transport=udp";
    }

    @Test
    void registersRefreshesReceivesRequestsForTheAorAndUnregistersWhenRemoved() throws Exception {
        startKamailio("MD5");
        trunks.set(trunk("correct horse", REALM));
        startGateway();
        await().atMost(Duration.ofSeconds(10)).until(() -> status() != null
                && status().state() == RegistrationState.REGISTERED);
        RegistrationStatus first = status();
        assertThat(first.grantedExpirySeconds()).as("Kamailio's max_expires").isEqualTo(10);
        assertThat(first.registrar()).isEqualTo("127.0.0.1");
        assertThat(first.lastStatusCode()).isEqualTo(200);
        assertThat(kamailio.rpc("ul.dump")).as(kamailio.log()).contains(contact());

        // a request for the AOR reaches us through the registrar
        String reply = optionsVia(kamailio.port(), "sip:alice@" + REALM);
        assertThat(reply).startsWith("SIP/2.0 200").containsIgnoringCase("Server: Voxgate");

        // refresh before the 10 s run out
        await().atMost(Duration.ofSeconds(9)).until(() -> {
            Instant e = status().expiresAt();
            return e != null && e.isAfter(first.expiresAt());
        });
        assertThat(status().state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(kamailio.log()).containsPattern("REGISTER cseq=\\d+ expires=300 auth=alice");

        // removed from the directory: Expires 0, the binding is gone at once
        trunks.set();
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.registrations().isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> !kamailio.rpc("ul.dump").contains(contact()));
        assertThat(kamailio.log()).contains("expires=0 auth=alice");
    }

    @Test
    void aChangedRegistrationRemovesTheOldBindingThenRegistersAnew() throws Exception {
        startKamailio("MD5");
        trunks.set(trunk("correct horse", REALM));
        startGateway();
        await().atMost(Duration.ofSeconds(10)).until(() -> status() != null
                && status().state() == RegistrationState.REGISTERED);
        String before = kamailio.log();
        java.util.regex.Matcher first = Pattern.compile("expires=300 auth=alice callid=(\\S+)").matcher(before);
        assertThat(first.find()).as(before).isTrue();
        String oldCallId = first.group(1);

        trunks.set(FakeTrunks.registering("t1", "127.0.0.1", kamailio.port(), Trunk.Transport.UDP, "alice",
                "correct horse", REALM, 600));
        await().atMost(Duration.ofSeconds(10)).until(() -> Pattern.compile("expires=600 auth=alice callid=")
                .matcher(kamailio.log()).find() && status().state() == RegistrationState.REGISTERED);
        String log = kamailio.log();
        int unregister = log.indexOf("expires=0 auth=alice callid=" + oldCallId);
        java.util.regex.Matcher renewed = Pattern.compile("expires=600 auth=alice callid=(\\S+)").matcher(log);
        assertThat(renewed.find()).isTrue();
        assertThat(unregister).as("Expires 0 on the old Call-ID first").isPositive().isLessThan(renewed.start());
        assertThat(renewed.group(1)).isNotEqualTo(oldCallId);
        String dump = kamailio.rpc("ul.dump");
        assertThat(dump).contains(contact()).contains(renewed.group(1)).doesNotContain(oldCallId);
    }

    @Test
    void closeUnregisters() throws Exception {
        startKamailio("MD5");
        trunks.set(trunk("correct horse", null));
        startGateway();
        await().atMost(Duration.ofSeconds(10)).until(() -> status() != null
                && status().state() == RegistrationState.REGISTERED);
        assertThat(kamailio.rpc("ul.dump")).contains(contact());
        gateway.close();
        assertThat(kamailio.rpc("ul.dump")).doesNotContain(contact());
    }

    @Test
    void aWrongPasswordFailsWithAReason() throws Exception {
        startKamailio("MD5");
        trunks.set(trunk("battery staple", REALM));
        startGateway();
        await().atMost(Duration.ofSeconds(10)).until(() -> status() != null
                && status().state() == RegistrationState.FAILED);
        RegistrationStatus st = status();
        assertThat(st.lastStatusCode()).isEqualTo(401);
        assertThat(st.lastFailure()).contains("credentials refused");
        assertThat(st.nextAttemptAt()).isAfter(Instant.now().plusSeconds(20));
        assertThat(kamailio.rpc("ul.dump")).doesNotContain(contact());
    }

    @Test
    void aSha256ChallengeIsAnsweredWithSha256() throws Exception {
        startKamailio("SHA-256");
        trunks.set(trunk("correct horse", REALM));
        startGateway();
        await().atMost(Duration.ofSeconds(10)).until(() -> status() != null
                && status().state() == RegistrationState.REGISTERED);
        assertThat(kamailio.rpc("ul.dump")).contains(contact());
        assertThat(kamailio.log()).containsPattern("authorization=\\[Digest [^]]*algorithm=SHA-256");
    }

    @Test
    void overTcpAfterFailingOverFromAHostThatRefusesTheConnection() throws Exception {
        startKamailio("MD5");
        // 127.0.0.2 is loopback too, but Kamailio listens on 127.0.0.1 only: connection refused
        trunks.set(new Trunk("t1", "acct-1", "carrier", Trunk.Direction.BOTH, List.of("127.0.0.2", "127.0.0.1"),
                kamailio.port(), Trunk.Transport.TCP, List.of(), null,
                new Trunk.Registration(new Trunk.Credentials("alice", "correct horse", REALM), 300), List.of("PCMU"),
                10, 5, Trunk.SrtpPolicy.OFF, Trunk.CallerIdPolicy.PASSTHROUGH, List.of(), true));
        startGateway();
        await().atMost(Duration.ofSeconds(10)).until(() -> status() != null
                && status().state() == RegistrationState.REGISTERED);
        assertThat(status().registrar()).isEqualTo("127.0.0.1");
        assertThat(status().lastFailure()).contains("127.0.0.2");
        assertThat(kamailio.rpc("ul.dump")).contains("sip:alice@127.0.0.1:" + sipPort + ";transport=tcp");
    }

    /** Sends an OPTIONS for {@code uri} to the proxy and returns the final response's text. */
    private static String optionsVia(int proxyPort, String uri) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            s.setSoTimeout(5000);
            String msg = "OPTIONS " + uri + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bK-reg-it-" + System.nanoTime()
                    + "\r\nMax-Forwards: 70\r\nFrom: <sip:tester@127.0.0.1>;tag=t1\r\nTo: <" + uri + ">\r\n"
                    + "Call-ID: reg-it-" + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            byte[] b = msg.getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), proxyPort));
            byte[] buf = new byte[8192];
            while (true) {
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                s.receive(in);
                String text = new String(buf, 0, in.getLength(), StandardCharsets.US_ASCII);
                if (!text.startsWith("SIP/2.0 1")) {
                    return text;
                }
            }
        }
    }
}
