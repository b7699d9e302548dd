package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.sip.fake.FakeDirectory;
import org.voxgate.sip.fake.FakeMediaBridge;
import org.voxgate.sip.fake.FakeTrunks;
import org.voxgate.testing.FreePorts;
import org.voxgate.testing.Sipp;

/** Registrar behaviours Kamailio does not show on demand, played by SIPp as the registrar (UAS). */
class RegistrarScenariosIT {
    @TempDir
    Path dir;
    private SipGateway gateway;
    private final FakeTrunks trunks = new FakeTrunks();

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private Sipp.Running registrar(String scenario, int port) throws Exception {
        return Sipp.scenario(Path.of("src/test/resources/sipp", scenario), "127.0.0.1:5060", dir.resolve("sipp"))
                .localPort(port).timeout(Duration.ofSeconds(20)).start();
    }

    private void startGateway(int registrarPort, String realm) throws Exception {
        startGateway(FakeTrunks.registering("t1", "127.0.0.1", registrarPort, Trunk.Transport.UDP, "alice", "pw", realm,
                300));
    }

    private void startGateway(Trunk... ts) throws Exception {
        trunks.set(ts);
        int port = FreePorts.udpAndTcp();
        gateway = new SipGateway(SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port),
                FakeMediaBridge.autoPlaying(Duration.ofMillis(100)), new FakeDirectory(), null, trunks);
        gateway.start();
    }

    private RegistrationStatus status() {
        return gateway.registrations().get("t1");
    }

    @Test
    void intervalTooBriefIsRetriedWithMinExpires() throws Exception {
        int port = FreePorts.udpAndTcp();
        Sipp.Running sipp = registrar("registrar-423.xml", port);
        startGateway(port, null);
        Sipp.Result r = sipp.await();
        assertThat(r.ok()).as(r.describe()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> status().state() == RegistrationState.REGISTERED);
        assertThat(status().grantedExpirySeconds()).isEqualTo(3600);
    }

    @Test
    void serviceUnavailableWithRetryAfterIsRetriedAfterThatDelay() throws Exception {
        int port = FreePorts.udpAndTcp();
        Sipp.Running sipp = registrar("registrar-503-retry-after.xml", port);
        startGateway(port, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> status().state() == RegistrationState.RETRYING);
        RegistrationStatus retrying = status();
        assertThat(retrying.lastStatusCode()).isEqualTo(503);
        assertThat(retrying.lastFailure()).contains("503");
        long waitMs = Duration.between(Instant.now(), retrying.nextAttemptAt()).toMillis();
        assertThat(waitMs).as("Retry-After: 2, not the 30 s back-off").isBetween(500L, 2_100L);
        Sipp.Result r = sipp.await();
        assertThat(r.ok()).as(r.describe()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> status().state() == RegistrationState.REGISTERED);
        assertThat(status().grantedExpirySeconds()).isEqualTo(120);
    }

    @Test
    void aChallengeForAnotherRealmIsNotAnswered() throws Exception {
        int port = FreePorts.udpAndTcp();
        Sipp.Running sipp = registrar("registrar-foreign-realm.xml", port);
        startGateway(port, "carrier.example");
        await().atMost(Duration.ofSeconds(5)).until(() -> status().state() == RegistrationState.FAILED);
        assertThat(status().lastFailure()).contains("evil.example");
        assertThat(gateway.statistics().securityRejections().get(SecurityReason.FOREIGN_CHALLENGE)).isEqualTo(1L);
        Sipp.Result r = sipp.await();
        assertThat(r.ok()).as("no answer went to the foreign realm: " + r.describe()).isTrue();
    }

    @Test
    void aHostOnTheMetadataOrWildcardAddressIsNeverContacted() throws Exception {
        startGateway(FakeTrunks.registering("t1", "169.254.169.254", 5060, Trunk.Transport.UDP, "alice", "pw", null,
                300), FakeTrunks.registering("t2", "0.0.0.0", 5060, Trunk.Transport.UDP, "alice", "pw", null, 300));
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.registrations().size() == 2
                && gateway.registrations().values().stream().allMatch(s -> s.state() == RegistrationState.RETRYING));
        assertThat(gateway.registrations().get("t1").lastFailure()).contains("169.254.169.254").contains("refused");
        assertThat(gateway.registrations().get("t2").lastFailure()).contains("0.0.0.0").contains("refused");
    }
}
