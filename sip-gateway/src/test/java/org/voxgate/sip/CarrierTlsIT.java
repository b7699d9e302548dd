package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.sip.fake.FakeDirectory;
import org.voxgate.sip.fake.FakeMediaBridge;
import org.voxgate.sip.fake.FakeTrunks;
import org.voxgate.sip.tls.TestCa;
import org.voxgate.sip.tls.TlsRegistrar;
import org.voxgate.testing.FreePorts;
import org.voxgate.testing.Kamailio;

/**
 * Registration over TLS to a registrar whose certificate comes from a test CA (openssl) — a
 * small TLS registrar in the test, and Kamailio's tls module: the chain must lead to our
 * configured trust anchor and the certificate must name the trunk's host, or nothing is sent.
 */
class CarrierTlsIT {
    @TempDir
    Path dir;
    private SipGateway gateway;
    private TlsRegistrar registrar;
    private final FakeTrunks trunks = new FakeTrunks();

    private Kamailio kamailio;

    @AfterEach
    void stop() throws Exception {
        if (kamailio != null) {
            kamailio.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (registrar != null) {
            registrar.close();
        }
    }

    private void start(TestCa.Identity registrarIdentity, TestCa trusted) throws Exception {
        registrar = new TlsRegistrar(registrarIdentity);
        trunks.set(FakeTrunks.registering("tls1", "127.0.0.1", registrar.port(), Trunk.Transport.TLS, "alice", "pw",
                null, 300));
        int port = FreePorts.udpAndTcp();
        int tlsPort = FreePorts.udpAndTcp();
        SipTls identity = SecureCallsIT.selfSigned().withTrustAnchors(List.of(trusted.certificate()));
        gateway = new SipGateway(SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port)
                .withTls(tlsPort, identity), FakeMediaBridge.autoPlaying(Duration.ofMillis(100)), new FakeDirectory(),
                null, trunks);
        gateway.start();
    }

    /** Kamailio's tls module as the registrar, with a certificate made by {@code ca}. */
    private void startKamailio(TestCa ca, String leaf, TestCa trusted) throws Exception {
        Kamailio.requireModule("tls");
        int tlsPort = FreePorts.udpAndTcp();
        kamailio = Kamailio.start(Files.readString(Path.of("src/test/resources/kamailio/registrar.cfg")),
                Map.of("DEFINES", "#!define WITH_TLS", "PORT", Integer.toString(FreePorts.udpAndTcp()),
                        "TLS_PORT", Integer.toString(tlsPort), "TLS_CERT", ca.certFile(leaf).toString(),
                        "TLS_KEY", ca.keyFile(leaf).toString(), "REALM", "voxgate.test", "USER", "alice",
                        "PASSWORD", "pw", "MAX_EXPIRES", "600", "ALGORITHM", "SHA-256"), dir.resolve("kamailio"));
        trunks.set(FakeTrunks.registering("tls1", "127.0.0.1", tlsPort, Trunk.Transport.TLS, "alice", "pw",
                "voxgate.test", 300));
        int port = FreePorts.udpAndTcp();
        SipTls identity = SecureCallsIT.selfSigned().withTrustAnchors(List.of(trusted.certificate()));
        gateway = new SipGateway(SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port)
                .withTls(FreePorts.udpAndTcp(), identity), FakeMediaBridge.autoPlaying(Duration.ofMillis(100)),
                new FakeDirectory(), null, trunks);
        gateway.start();
    }

    @Test
    void kamailioOverTlsWithACertificateForTheHostRegistersWithDigest() throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"), "carrier-ca");
        ca.issue("kamailio", "IP:127.0.0.1");
        startKamailio(ca, "kamailio", ca);
        await().atMost(Duration.ofSeconds(15)).until(() -> status() != null
                && status().state() == RegistrationState.REGISTERED);
        assertThat(kamailio.rpc("ul.dump")).as(kamailio.log()).contains("transport=tls");
        assertThat(kamailio.log()).containsPattern("authorization=\\[Digest [^]]*algorithm=SHA-256");
    }

    @Test
    void kamailioWithACertificateForAnotherHostGetsNoRequest() throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"), "carrier-ca");
        ca.issue("kamailio", "DNS:other.example");
        startKamailio(ca, "kamailio", ca);
        await().atMost(Duration.ofSeconds(15)).until(() -> status() != null
                && status().state() == RegistrationState.RETRYING);
        assertThat(status().lastFailure()).contains("TLS certificate does not name 127.0.0.1");
        assertThat(kamailio.log()).doesNotContain("REGISTER cseq=");
    }

    private RegistrationStatus status() {
        return gateway.registrations().get("tls1");
    }

    @Test
    void aCertificateForTheTrunksHostFromTheTrustedCaRegisters() throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"), "carrier-ca");
        start(ca.issue("registrar", "IP:127.0.0.1,DNS:localhost"), ca);
        await().atMost(Duration.ofSeconds(15)).until(() -> status() != null
                && status().state() == RegistrationState.REGISTERED);
        assertThat(status().grantedExpirySeconds()).isEqualTo(600);
        assertThat(registrar.requests()).anySatisfy(r -> assertThat(r).startsWith("REGISTER sip:127.0.0.1:")
                .contains(";transport=tls").containsIgnoringCase("Via: SIP/2.0/TLS"));
    }

    @Test
    void aCertificateForAnotherHostIsRefusedBeforeAnythingIsSent() throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"), "carrier-ca");
        start(ca.issue("registrar", "DNS:wrong.example,IP:192.0.2.1"), ca);
        await().atMost(Duration.ofSeconds(15)).until(() -> status() != null
                && status().state() == RegistrationState.RETRYING);
        assertThat(status().lastFailure()).contains("TLS certificate does not name 127.0.0.1");
        assertThat(registrar.handshakes()).as("the TLS handshake itself succeeds").isPositive();
        assertThat(registrar.requests()).as("but no REGISTER crosses it").isEmpty();
    }

    @Test
    void aCertificateFromAnUntrustedCaIsRefused() throws Exception {
        TestCa trusted = TestCa.create(dir.resolve("ca"), "carrier-ca");
        TestCa rogue = TestCa.create(dir.resolve("rogue"), "rogue-ca");
        start(rogue.issue("registrar", "IP:127.0.0.1,DNS:localhost"), trusted);
        await().atMost(Duration.ofSeconds(15)).until(() -> status() != null
                && status().state() == RegistrationState.RETRYING);
        assertThat(registrar.requests()).isEmpty();
        assertThat(registrar.handshakes()).isZero();
    }
}
