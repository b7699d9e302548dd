package org.voxgate.lab.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.lab.trunk.Step.Outcome;
import org.voxgate.server.VoxgateServer;
import org.voxgate.server.admin.AdminModule;
import org.voxgate.server.cli.AdminClient;
import org.voxgate.server.config.ConfigLoader;
import org.voxgate.testing.FreePorts;
import org.voxgate.testing.Sipp;

/**
 * {@code lab trunk-test} against a real node over its HTTPS admin API, with SIPp as the
 * carrier host that answers OPTIONS, and a dead port as one that does not.
 */
class TrunkTestIT {
    @TempDir
    Path dir;

    private VoxgateServer node;
    private AdminClient api;

    @BeforeEach
    void start() throws Exception {
        int sip = FreePorts.udpAndTcp();
        int rtp = FreePorts.udpRange(20);
        Map<String, String> env = new HashMap<>();
        env.put("VOXGATE_NETWORK_BIND_ADDRESS", "127.0.0.1");
        env.put("VOXGATE_DATA_DIR", dir.resolve("data").toString());
        env.put("VOXGATE_SIP_UDP_PORT", Integer.toString(sip));
        env.put("VOXGATE_SIP_TCP_PORT", Integer.toString(sip));
        env.put("VOXGATE_SIP_TLS_PORT", "0");
        env.put("VOXGATE_RTP_PORT_MIN", Integer.toString(rtp));
        env.put("VOXGATE_RTP_PORT_MAX", Integer.toString(rtp + 19));
        env.put("VOXGATE_METRICS_PORT", "0");
        env.put("VOXGATE_ADMIN_PORT", "0");
        env.put("VOXGATE_ADMIN_BIND_ADDRESS", "127.0.0.1");
        env.put("VOXGATE_ADMIN_ALLOW_INTERNAL_TRUNK_HOSTS", "true");
        node = VoxgateServer.start(ConfigLoader.load(null, env));
        AdminModule admin = node.admin().orElseThrow();
        api = new AdminClient(admin.baseUrl(), admin.bootstrapKey().orElseThrow(),
                admin.certificate().orElseThrow().certFile());
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private String trunk(String name, int port, String extra) throws Exception {
        AdminClient.Answer a = api.send("POST", "/trunks", "{\"name\":\"" + name + "\",\"hosts\":[\"127.0.0.1\"],"
                + "\"port\":" + port + ",\"inboundCidrs\":[\"127.0.0.9/32\"]" + extra + "}", null);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private List<Step> test(String trunkId) throws Exception {
        List<Step> progress = new ArrayList<>();
        List<Step> steps = new TrunkTest(api, SSLContext.getDefault(), progress::add).run(
                new TrunkTest.Plan(trunkId, null, null, Duration.ofMillis(1500), Duration.ofSeconds(10)));
        assertThat(progress).isEqualTo(steps);
        return steps;
    }

    @Test
    void aWorkingCarrierHostPassesEveryStep() throws Exception {
        int carrier = FreePorts.udpAndTcp();
        Sipp.Running uas = Sipp.scenario(Path.of("src/test/resources/sipp/options-uas.xml"), "127.0.0.1:9", dir)
                .localPort(carrier).timeout(Duration.ofSeconds(20)).start();
        try {
            Thread.sleep(300); // SIPp binds its port
            List<Step> steps = test(trunk("carrier-a", carrier, ""));
            assertThat(steps).extracting(Step::name).containsExactly("trunk", "dns 127.0.0.1",
                    "OPTIONS 127.0.0.1:" + carrier + "/udp", "registration", "test call");
            assertThat(steps.get(0).outcome()).isEqualTo(Outcome.OK);
            assertThat(steps.get(2).outcome()).as(steps.get(2).toString()).isEqualTo(Outcome.OK);
            assertThat(steps.get(2).detail()).isEqualTo("SIP/2.0 200 OK");
            assertThat(steps.get(3).outcome()).isEqualTo(Outcome.SKIPPED); // no registration configured
            assertThat(steps.get(3).detail()).startsWith("NOT_CONFIGURED");
            assertThat(uas.await().ok()).isTrue();
        } finally {
            uas.kill();
        }
    }

    @Test
    void aTestCallThatMeetsABusyNumberIsExplained() throws Exception {
        int carrier = FreePorts.udpAndTcp();
        Sipp.Running uas = Sipp.scenario(Path.of("src/test/resources/sipp/options-then-busy-uas.xml"), "127.0.0.1:9",
                dir).localPort(carrier).arg("-m", "2").timeout(Duration.ofSeconds(30)).start();
        try {
            Thread.sleep(300);
            String trunkId = trunk("carrier-c", carrier, ",\"dialOutPrefixes\":[\"+49\"]");
            AdminClient.Answer m = api.send("POST", "/meetings", "{\"name\":\"trunk test\",\"accessCode\":\"86420\"}",
                    null);
            assertThat(m.status()).as(m.body()).isEqualTo(201);
            String meetingId = m.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            List<Step> steps = new TrunkTest(api, SSLContext.getDefault(), s -> { }).run(new TrunkTest.Plan(trunkId,
                    "+4930123456", meetingId, Duration.ofMillis(1500), Duration.ofSeconds(20)));
            Step last = steps.get(steps.size() - 1);
            assertThat(last.name()).as(steps.toString()).isEqualTo("call FAILED");
            assertThat(last.detail()).isEqualTo("BUSY (SIP 486)");
            assertThat(last.explanation()).contains("busy");
            assertThat(steps).filteredOn(s -> s.name().startsWith("call ") && s.outcome() == Outcome.OK).isNotEmpty();
            assertThat(uas.await().ok()).isTrue();
        } finally {
            uas.kill();
        }
    }

    @Test
    void aDeadHostADisabledTrunkAndAFailingRegistrationAreExplained() throws Exception {
        int dead = FreePorts.udpAndTcp();
        String id = trunk("carrier-b", dead, ",\"enabled\":false");
        List<Step> steps = test(id);
        assertThat(steps.get(0).outcome()).isEqualTo(Outcome.FAIL);
        assertThat(steps.get(0).explanation()).contains("disabled");
        Step ping = steps.get(2);
        assertThat(ping.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(ping.explanation()).contains("firewall");
        assertThat(test("no-such-trunk")).singleElement()
                .satisfies(s -> assertThat(s.explanation()).contains("no trunk with this id"));
    }

    @Test
    void aHostWithoutAPortShowsItsSrvTargetsInOrderAndPingsEach() throws Exception {
        int carrier = FreePorts.udpAndTcp();
        int dead = FreePorts.udpAndTcp();
        Sipp.Running uas = Sipp.scenario(Path.of("src/test/resources/sipp/options-uas.xml"), "127.0.0.1:9", dir)
                .localPort(carrier).timeout(Duration.ofSeconds(20)).start();
        try (org.voxgate.testing.DnsServer dns = org.voxgate.testing.DnsServer.start()) {
            dns.srv("_sip._udp.carrier.test", 20, 0, dead, "b.carrier.test", 60)
                    .srv("_sip._udp.carrier.test", 10, 0, carrier, "a.carrier.test", 60)
                    .address("a.carrier.test", "127.0.0.1", 60)
                    .address("b.carrier.test", "127.0.0.1", 60);
            Thread.sleep(300); // SIPp binds its port
            AdminClient.Answer a = api.send("POST", "/trunks", "{\"name\":\"by-srv\",\"hosts\":[\"carrier.test\"],"
                    + "\"port\":0,\"inboundCidrs\":[\"127.0.0.9/32\"]}", null);
            assertThat(a.status()).as(a.body()).isEqualTo(201);
            String id = a.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            List<Step> steps = new TrunkTest(api, SSLContext.getDefault(),
                    org.voxgate.sip.SipLocator.create(List.of(dns.address())), s -> { }).run(
                    new TrunkTest.Plan(id, null, null, Duration.ofMillis(1500), Duration.ofSeconds(10)));
            assertThat(steps).extracting(Step::name).containsExactly("trunk", "dns carrier.test",
                    "OPTIONS carrier.test 127.0.0.1:" + carrier + "/udp", "OPTIONS carrier.test 127.0.0.1:" + dead + "/udp",
                    "registration", "test call");
            assertThat(steps.get(1).detail()).isEqualTo("1) 127.0.0.1:" + carrier + "/udp via SRV _sip._udp.carrier.test"
                    + " -> a.carrier.test:" + carrier + "  2) 127.0.0.1:" + dead + "/udp via SRV _sip._udp.carrier.test"
                    + " -> b.carrier.test:" + dead);
            assertThat(steps.get(2).outcome()).as(steps.get(2).toString()).isEqualTo(Outcome.OK);
            assertThat(steps.get(3).outcome()).as(steps.get(3).toString()).isEqualTo(Outcome.FAIL);
            assertThat(uas.await().ok()).isTrue();
        } finally {
            uas.kill();
        }
    }
}
