package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.AudioBridges;
import org.voxgate.bridge.BridgeConfig;
import org.voxgate.bridge.api.MediaBridge;
import org.voxgate.sip.fake.FakeDirectory;
import org.voxgate.sip.fake.FakeTrunks;
import org.voxgate.testing.DnsServer;
import org.voxgate.testing.Peers;
import org.voxgate.testing.Sipp;

/**
 * Trunks configured by a host name without a port (RFC 3263): the gateway asks a real DNS
 * server on loopback ({@link DnsServer}) for NAPTR and SRV, and SIPp on loopback plays the
 * carrier. A dial-out fails over from an SRV target on the metadata address (refused, never
 * contacted) and a silent one to the next, whose SIPp sees the trunk's host name in the
 * Request-URI; a REGISTER reaches the registrar SRV names.
 */
class DnsTrunkIT {
    private static final String NUMBER = "+441632960000";
    private static final Meeting MEETING = new Meeting("m-dns", "4321", null, null, 10);

    private DnsServer dns;
    private MediaBridge bridge;
    private SipGateway gateway;
    private SipConfig config;
    private org.voxgate.sip.tls.TlsRegistrar registrar;
    private int sippPort;
    private Path work;
    private final FakeTrunks trunks = new FakeTrunks();
    private Sipp.Running sipp;

    @BeforeEach
    void start() throws Exception {
        Peers.requireCommand("sipp");
        dns = DnsServer.start();
        sippPort = org.voxgate.sip.sipp.Sipp.freePort();
        int port = org.voxgate.sip.sipp.Sipp.freePort();
        InetAddress lo = InetAddress.getLoopbackAddress();
        int rtpBase = 2 * ThreadLocalRandom.current().nextInt(10_000, 15_000);
        bridge = AudioBridges.create(new BridgeConfig(lo, lo, rtpBase, rtpBase + 99, Duration.ofSeconds(30), 1,
                List.of("PCMU", "PCMA"), 20, 200));
        config = SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port);
        gateway(config);
        work = Files.createTempDirectory("dns-trunk-");
    }

    private void gateway(SipConfig c) {
        if (gateway != null) {
            gateway.close();
        }
        gateway = new SipGateway(c, bridge, new FakeDirectory().add(MEETING), null, trunks)
                .dnsServers(List.of(dns.address()));
        gateway.dialOutSettings(new DialOutSettings(Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(2), 3));
    }

    @AfterEach
    void stop() throws Exception {
        if (sipp != null) {
            sipp.kill();
        }
        gateway.close();
        if (registrar != null) {
            registrar.close();
        }
        bridge.close();
        dns.close();
    }

    private Sipp.Running carrier(String scenario, String... keys) throws Exception {
        Sipp s = Sipp.scenario(Path.of("src/test/resources/sipp/dns", scenario), "127.0.0.1:5060",
                work.resolve(scenario)).arg("-i", "127.0.0.1").localPort(sippPort).timeout(Duration.ofSeconds(20));
        for (int i = 0; i + 1 < keys.length; i += 2) {
            s.key(keys[i], keys[i + 1]);
        }
        Sipp.Running r = s.start();
        String hexPort = String.format(":%04X ", sippPort);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && r.isAlive()) {
            if (Files.readAllLines(Path.of("/proc/net/udp")).stream().anyMatch(l -> l.contains(hexPort))) {
                return r;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("sipp did not start listening: " + r.await().describe());
    }

    @Test
    void dialOutFollowsNaptrAndSrvAndFailsOverToTheSecondTarget() throws Exception {
        dns.naptr("carrier.test", 5, 10, "s", "SIPS+D2T", "", "_sips._tcp.carrier.test", 300) // not our transport
                .naptr("carrier.test", 10, 10, "s", "SIP+D2U", "", "_sip._udp.carrier.test", 300)
                .srv("_sip._udp.carrier.test", 5, 0, sippPort, "meta.carrier.test", 300)
                .srv("_sip._udp.carrier.test", 10, 0, sippPort, "silent.carrier.test", 300)
                .srv("_sip._udp.carrier.test", 20, 0, sippPort, "edge.carrier.test", 300)
                .address("meta.carrier.test", "169.254.169.254", 300) // the cloud metadata service: SSRF
                .address("silent.carrier.test", "127.0.0.2", 300)     // nothing listens there
                .address("edge.carrier.test", "127.0.0.1", 300);
        trunks.set(new Trunk("t1", "acct-1", "dns", Trunk.Direction.OUTBOUND, List.of("carrier.test"), 0,
                Trunk.Transport.UDP, List.of(), null, null, List.of("PCMU"), 10, 10, Trunk.SrtpPolicy.OFF,
                Trunk.CallerIdPolicy.PASSTHROUGH, List.of("+44"), true));
        gateway.start();
        sipp = carrier("busy-by-name.xml");
        long before = gateway.statistics().securityRejections().get(SecurityReason.SSRF_TARGET);
        long t0 = System.nanoTime();

        DialOut d = gateway.dialOut(new DialOutRequest(MEETING, NUMBER, "t1"));

        Sipp.Result r = sipp.await();
        assertThat(r.ok()).as("the INVITE reached the third SRV target by name: " + r.describe()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> d.status() == DialOutStatus.FAILED);
        assertThat(d.sipStatus()).isEqualTo(486);
        assertThat(d.failure()).isEqualTo(DialOutFailure.BUSY);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("waited out the silent target's host timeout")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(gateway.statistics().securityRejections().get(SecurityReason.SSRF_TARGET)).isEqualTo(before + 1);
        assertThat(dns.asked("_sips._tcp.carrier.test", DnsServer.TYPE_SRV)).isZero();
    }

    /** carrier.test has SRV only, no A: the 407 comes from an address the name does not resolve to. */
    @Test
    void a407FromTheSrvTargetIsAnswered() throws Exception {
        dns.srv("_sip._udp.carrier.test", 0, 0, sippPort, "edge.carrier.test", 300)
                .address("edge.carrier.test", "127.0.0.1", 300);
        gateway.start();
        try (java.net.DatagramSocket calleeRtp = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            sipp = carrier("auth-407-by-name.xml", "callee_rtp", Integer.toString(calleeRtp.getLocalPort()),
                    "auth_user", "dialer", "auth_pass", "s3cret");
            // set after start, dialled at once: the registration poll (2 s) must not REGISTER into the scenario first
            trunks.set(new Trunk("t1", "acct-1", "dns", Trunk.Direction.OUTBOUND, List.of("carrier.test"), 0,
                    Trunk.Transport.UDP, List.of(), null,
                    new Trunk.Registration(new Trunk.Credentials("dialer", "s3cret", null), 3600), List.of("PCMU"), 10,
                    10, Trunk.SrtpPolicy.OFF, Trunk.CallerIdPolicy.PASSTHROUGH, List.of("+44"), true));
            long before = gateway.statistics().securityRejections().get(SecurityReason.FOREIGN_CHALLENGE);
            DialOut d = gateway.dialOut(new DialOutRequest(MEETING, NUMBER, "t1"));
            await().atMost(Duration.ofSeconds(8)).until(() -> d.status() == DialOutStatus.ANSWERED_AWAITING_CONFIRM);
            d.hangup();
            Sipp.Result r = sipp.await();
            assertThat(r.ok()).as(r.describe()).isTrue();
            assertThat(gateway.statistics().securityRejections().get(SecurityReason.FOREIGN_CHALLENGE)).isEqualTo(before);
        }
    }

    @Test
    void registerReachesTheRegistrarTheSrvNames() throws Exception {
        dns.srv("_sip._udp.carrier.test", 0, 0, sippPort, "registrar.carrier.test", 300)
                .address("registrar.carrier.test", "127.0.0.1", 300);
        sipp = carrier("registrar-by-name.xml");
        trunks.set(FakeTrunks.registering("t1", "carrier.test", 0, Trunk.Transport.UDP, "alice", "pw", null, 300));
        gateway.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.registrations().get("t1") != null
                && gateway.registrations().get("t1").state() == RegistrationState.REGISTERED);
        assertThat(gateway.registrations().get("t1").grantedExpirySeconds()).isEqualTo(600);
        Sipp.Result r = sipp.await();
        assertThat(r.ok()).as(r.describe()).isTrue();
        assertThat(dns.asked("carrier.test", DnsServer.TYPE_NAPTR)).isPositive();
    }

    /** A TLS registrar found by {@code _sips._tcp} SRV whose certificate names {@code sans}. */
    private void tlsRegistrarBySrv(String sans) throws Exception {
        org.voxgate.sip.tls.TestCa ca = org.voxgate.sip.tls.TestCa.create(work.resolve("ca"), "carrier-ca");
        registrar = new org.voxgate.sip.tls.TlsRegistrar(ca.issue("registrar", sans));
        dns.naptr("carrier.test", 10, 10, "s", "SIPS+D2T", "", "_sips._tcp.carrier.test", 300)
                .srv("_sips._tcp.carrier.test", 0, 0, registrar.port(), "registrar.carrier.test", 300)
                .address("registrar.carrier.test", "127.0.0.1", 300);
        trunks.set(FakeTrunks.registering("tls1", "carrier.test", 0, Trunk.Transport.TLS, "alice", "pw", null, 300));
        gateway(config.withTls(org.voxgate.testing.FreePorts.udpAndTcp(),
                SecureCallsIT.selfSigned().withTrustAnchors(List.of(ca.certificate()))));
        gateway.start();
    }

    /** RFC 5922 section 4: the certificate must name the domain of the URI, not the SRV target or the address. */
    @Test
    void overTlsTheCertificateMustNameTheTrunksHostNotTheSrvTarget() throws Exception {
        tlsRegistrarBySrv("DNS:carrier.test");
        await().atMost(Duration.ofSeconds(15)).until(() -> gateway.registrations().get("tls1") != null
                && gateway.registrations().get("tls1").state() == RegistrationState.REGISTERED);
        assertThat(registrar.requests()).anySatisfy(r -> assertThat(r).startsWith("REGISTER sip:carrier.test;transport=tls"));
    }

    @Test
    void overTlsACertificateForOnlyTheSrvTargetIsRefused() throws Exception {
        tlsRegistrarBySrv("DNS:registrar.carrier.test,IP:127.0.0.1");
        await().atMost(Duration.ofSeconds(15)).until(() -> gateway.registrations().get("tls1") != null
                && gateway.registrations().get("tls1").state() == RegistrationState.RETRYING);
        assertThat(gateway.registrations().get("tls1").lastFailure()).contains("TLS certificate does not name carrier.test");
        assertThat(registrar.requests()).isEmpty();
    }
}
