package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.sip.fake.FakeDirectory;
import org.voxgate.sip.fake.FakeMediaBridge;
import org.voxgate.sip.fake.FakeTrunks;
import org.voxgate.sip.tls.TestCa;
import org.voxgate.sip.tls.TlsRegistrar;
import org.voxgate.testing.FreePorts;

/**
 * Registration over TLS to a registrar whose certificate comes from a test CA (openssl): the
 * chain must lead to our configured trust anchor and the certificate must name the trunk's
 * host, or nothing is sent.
 */
class CarrierTlsIT {
    @TempDir
    Path dir;
    private SipGateway gateway;
    private TlsRegistrar registrar;
    private final FakeTrunks trunks = new FakeTrunks();

    @AfterEach
    void stop() throws Exception {
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
