package org.voxgate.sip.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.sip.SipTarget;
import org.voxgate.sip.Trunk;
import org.voxgate.testing.DnsServer;

/** RFC 3263 section 4 against a real DNS server on loopback ({@link DnsServer}), over UDP. */
class TargetResolverIT {
    private static final Set<Trunk.Transport> UDP = EnumSet.of(Trunk.Transport.UDP);
    private static final Set<Trunk.Transport> TLS = EnumSet.of(Trunk.Transport.TLS);

    private DnsServer dns;
    private final AtomicLong now = new AtomicLong();
    private TargetResolver resolver;

    @BeforeEach
    void start() throws Exception {
        dns = DnsServer.start();
        resolver = resolver(List.of(new InetSocketAddress("127.0.0.1", dns.port())));
    }

    private TargetResolver resolver(List<InetSocketAddress> servers) {
        return new TargetResolver(new DnsClient(servers, Duration.ofMillis(500), 1), false,
                new DnsCache(100, now::get), new Random(7));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    private static List<String> show(List<SipTarget> targets) {
        return targets.stream().map(SipTarget::toString).toList();
    }

    @Test
    void naptrThenSrvThenAddressesInOrder() throws Exception {
        dns.naptr("carrier.test", 10, 20, "s", "SIP+D2U", "", "_sip._udp.carrier.test", 300)
                .naptr("carrier.test", 10, 10, "S", "SIPS+D2T", "", "_sips._tcp.carrier.test", 300)
                .naptr("carrier.test", 20, 10, "s", "SIP+D2U", "", "_sip._udp.backup.carrier.test", 300)
                .naptr("carrier.test", 5, 10, "u", "E2U+sip", "!^.*$!sip:x@y!", "", 300)
                .srv("_sip._udp.carrier.test", 20, 0, 5062, "b.carrier.test", 300)
                .srv("_sip._udp.carrier.test", 10, 0, 5061, "a.carrier.test", 300)
                .srv("_sip._udp.backup.carrier.test", 0, 0, 5070, "c.carrier.test", 300)
                .srv("_sips._tcp.carrier.test", 0, 0, 5071, "a.carrier.test", 300)
                .address("a.carrier.test", "192.0.2.1", 300)
                .address("a.carrier.test", "2001:db8::1", 300)
                .address("b.carrier.test", "192.0.2.2", 300)
                .address("c.carrier.test", "192.0.2.3", 300);

        List<SipTarget> udp = resolver.resolve("carrier.test", 0, UDP);

        assertThat(show(udp)).containsExactly("192.0.2.1:5061/udp", "[2001:db8:0:0:0:0:0:1]:5061/udp",
                "192.0.2.2:5062/udp", "192.0.2.3:5070/udp");
        assertThat(udp.get(0).via()).isEqualTo("NAPTR SIP+D2U -> SRV _sip._udp.carrier.test -> a.carrier.test:5061");
        assertThat(udp.get(0).host()).isEqualTo("carrier.test");
        assertThat(dns.asked("_sips._tcp.carrier.test", DnsServer.TYPE_SRV)).as("a transport the trunk does not use")
                .isZero();
        assertThat(show(resolver.resolve("carrier.test", 0, TLS))).containsExactly("192.0.2.1:5071/tls",
                "[2001:db8:0:0:0:0:0:1]:5071/tls");
    }

    @Test
    void withoutNaptrTheSrvOfTheTransportIsAsked() throws Exception {
        dns.srv("_sip._udp.carrier.test", 0, 0, 5080, "a.carrier.test", 300)
                .address("a.carrier.test", "192.0.2.1", 300);
        assertThat(show(resolver.resolve("carrier.test", 0, UDP))).containsExactly("192.0.2.1:5080/udp");
        assertThat(dns.asked("carrier.test", DnsServer.TYPE_NAPTR)).isOne();
    }

    @Test
    void withoutSrvTheAddressOnTheDefaultPort() throws Exception {
        dns.address("carrier.test", "192.0.2.9", 300);
        assertThat(show(resolver.resolve("carrier.test", 0, UDP))).containsExactly("192.0.2.9:5060/udp");
        assertThat(show(resolver.resolve("carrier.test", 0, TLS))).containsExactly("192.0.2.9:5061/tls");
    }

    @Test
    void anExplicitPortOrANumericAddressSkipsNaptrAndSrv() throws Exception {
        dns.naptr("carrier.test", 10, 10, "s", "SIP+D2U", "", "_sip._udp.carrier.test", 300)
                .srv("_sip._udp.carrier.test", 0, 0, 5080, "a.carrier.test", 300)
                .address("carrier.test", "192.0.2.9", 300);
        assertThat(show(resolver.resolve("carrier.test", 5099, UDP))).containsExactly("192.0.2.9:5099/udp");
        assertThat(show(resolver.resolve("198.51.100.7", 0, UDP))).containsExactly("198.51.100.7:5060/udp");
        assertThat(show(resolver.resolve("[2001:db8::5]", 5070, UDP))).containsExactly("[2001:db8:0:0:0:0:0:5]:5070/udp");
        assertThat(dns.asked("carrier.test", DnsServer.TYPE_NAPTR)).isZero();
        assertThat(dns.asked("_sip._udp.carrier.test", DnsServer.TYPE_SRV)).isZero();
    }

    @Test
    void answersAreCachedForTheirTtl() throws Exception {
        dns.srv("_sip._udp.carrier.test", 0, 0, 5080, "a.carrier.test", 60)
                .address("a.carrier.test", "192.0.2.1", 600);
        resolver.resolve("carrier.test", 0, UDP);
        int asked = dns.questions().size();
        assertThat(show(resolver.resolve("carrier.test", 0, UDP))).containsExactly("192.0.2.1:5080/udp");
        assertThat(dns.questions()).as("all from the cache, the NXDOMAIN for NAPTR included").hasSize(asked);
        now.addAndGet(Duration.ofSeconds(DnsServer.NEGATIVE_TTL_SECONDS).toNanos()); // NAPTR's negative TTL ran out
        dns.remove("_sip._udp.carrier.test");
        dns.srv("_sip._udp.carrier.test", 0, 0, 5090, "a.carrier.test", 60);
        assertThat(show(resolver.resolve("carrier.test", 0, UDP))).as("SRV still cached").containsExactly(
                "192.0.2.1:5080/udp");
        assertThat(dns.asked("carrier.test", DnsServer.TYPE_NAPTR)).isEqualTo(2);
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        assertThat(show(resolver.resolve("carrier.test", 0, UDP))).containsExactly("192.0.2.1:5090/udp");
    }

    @Test
    void aSilentServerIsSkippedForTheNext() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            resolver = resolver(List.of(new InetSocketAddress("127.0.0.1", silent.getLocalPort()),
                    new InetSocketAddress("127.0.0.1", dns.port())));
            dns.srv("_sip._udp.carrier.test", 0, 0, 5080, "a.carrier.test", 60)
                    .address("a.carrier.test", "192.0.2.1", 600);
            assertThat(show(resolver.resolve("carrier.test", 0, UDP))).containsExactly("192.0.2.1:5080/udp");
        }
    }

    @Test
    void aNameNobodyKnowsHasNoTargets() {
        assertThat(resolver.resolve("nowhere.invalid", 0, UDP)).isEmpty();
    }

    @Test
    void aTruncatedAnswerIsAskedAgainOverTcp() throws Exception {
        dns.truncateUdp(true)
                .srv("_sip._udp.carrier.test", 0, 0, 5080, "a.carrier.test", 60)
                .address("a.carrier.test", "192.0.2.1", 600);
        assertThat(show(resolver.resolve("carrier.test", 0, UDP))).containsExactly("192.0.2.1:5080/udp");
        assertThat(dns.tcpQueries()).as("NAPTR, SRV, A and AAAA each again over TCP").isEqualTo(4);
    }

    @Test
    void aCnameIsFollowedToItsTarget() throws Exception {
        dns.srv("_sip._udp.carrier.test", 0, 0, 5080, "alias.carrier.test", 60)
                .cname("alias.carrier.test", "edge.cdn.test", 60)
                .address("edge.cdn.test", "192.0.2.7", 600);
        assertThat(show(resolver.resolve("carrier.test", 0, UDP))).containsExactly("192.0.2.7:5080/udp");
    }
}
