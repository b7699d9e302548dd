package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.sip.fake.FakeMediaBridge;
import org.voxgate.sip.fake.FakeTrunks;
import org.voxgate.sip.fake.Resources;
import org.voxgate.sip.sipp.Sipp;
import org.voxgate.testing.Kamailio;

/**
 * Calls that arrive through a carrier's proxy: Kamailio 5.6 as a stateful, record-routing proxy
 * on 127.0.0.3 (kamailio/carrier-proxy.cfg) in front of the gateway on 127.0.0.1, and SIPp on
 * 127.0.0.2 calling through it.
 *
 * <pre>
 *   SIPp 127.0.0.2 --INVITE--> Kamailio 127.0.0.3 --INVITE (+Record-Route, +PAI)--> gateway 127.0.0.1
 *                  <--200----                      <--200 (Record-Route echoed)----
 *                  --ACK/BYE-> (Route: Kamailio)   --ACK/BYE (loose_route)-------->
 * </pre>
 *
 * The gateway trusts only 127.0.0.1 as a local network, and has one inbound trunk whose
 * network is Kamailio's address alone: admission must go by the packet source the proxy
 * gives (never Via), so the same caller straight to the gateway is refused.
 */
class KamailioInboundIT {
    private static final String CALLER_IP = "127.0.0.2";
    private static final String PROXY_IP = "127.0.0.3";
    private static final String ASSERTED = "sip:+15551230000@carrier.example";

    @TempDir
    static Path work;

    private static FakeMediaBridge bridge;
    private static SipGateway gateway;
    private static Kamailio kamailio;
    private static int gatewayPort;
    private static final List<CallRecord> records = new CopyOnWriteArrayList<>();
    private static final FakeTrunks trunks = new FakeTrunks();

    private static Trunk carrier(boolean enabled) {
        return new Trunk("kam", "a", "carrier via kamailio", Trunk.Direction.INBOUND, List.of(PROXY_IP), 5060,
                Trunk.Transport.UDP, List.of(PROXY_IP + "/32"), null, null, List.of("PCMU"), 10, 100,
                Trunk.SrtpPolicy.OFF, Trunk.CallerIdPolicy.PASSTHROUGH, List.of(), enabled);
    }

    @BeforeAll
    static void start() throws Exception {
        gatewayPort = Sipp.freePort();
        bridge = FakeMediaBridge.autoPlaying(Duration.ofMillis(50));
        SipConfig config = SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(gatewayPort, gatewayPort)
                .withAdmission(List.of("127.0.0.1/32"), "voxgate.test");
        gateway = new SipGateway(config, bridge, new TrunkAdmissionIT.TwoTenants(), records::add, trunks);
        gateway.start();
        String cfg = Files.readString(Path.of("src/test/resources/kamailio/carrier-proxy.cfg"));
        kamailio = Kamailio.start(cfg, Map.of("PORT", Integer.toString(Sipp.freePort()), "PROXY_IP", PROXY_IP,
                "GATEWAY_IP", "127.0.0.1", "GATEWAY_PORT", Integer.toString(gatewayPort), "PAI", ASSERTED),
                work.resolve("kamailio"));
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.closeAll(kamailio, gateway, bridge);
    }

    @BeforeEach
    void clear() {
        records.clear();
        trunks.set(carrier(true));
    }

    @AfterEach
    void noCallLeft() {
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.activeCalls() == 0);
    }

    private static Sipp.Result throughKamailio(String scenario) throws Exception {
        return Sipp.runVia(CALLER_IP, PROXY_IP, scenario, kamailio.port(), Map.of(),
                List.of("-s", "a-direct", "-d", "200"), 1, 1);
    }

    private static long unknownSources() {
        return gateway.statistics().securityRejections().get(SecurityReason.UNKNOWN_SOURCE);
    }

    @Test
    void aCallThroughTheCarrierProxyIsAdmittedOnTheTrunkAndEndsCleanly() throws Exception {
        Sipp.Result r = throughKamailio("trunk-call-routed.xml");
        assertThat(r.passed()).as(r + "\n--- kamailio ---\n" + kamailio.log()).isTrue();
        // the 200 came back through the proxy with its Record-Route, so ACK and BYE went to it
        assertThat(r.messages()).contains("Record-Route: <sip:" + PROXY_IP + ":" + kamailio.port() + ";lr");
        await().atMost(Duration.ofSeconds(5)).until(() -> !records.isEmpty());
        CallRecord rec = records.get(0);
        assertThat(rec.trunkId()).isEqualTo("kam");
        assertThat(rec.accountId()).isEqualTo("a");
        assertThat(rec.answerTime()).isNotNull();
        assertThat(rec.cause()).isEqualTo(EndCause.CALLER_HANGUP);
        // the carrier's assertion (added by the proxy), not the From the caller wrote
        assertThat(rec.caller()).isEqualTo(ASSERTED);
        // ACK and BYE of this call went through the proxy (Route -> loose_route) to the gateway's Contact
        Matcher id = Pattern.compile("Call-ID: (\\S+)").matcher(r.messages());
        assertThat(id.find()).isTrue();
        String gw = "@127.0.0.1:" + gatewayPort;
        String call = " call " + id.group(1);
        assertThat(kamailio.log())
                .containsPattern("carrier-proxy: in-dialog ACK routed to sip:[^ ]*" + gw + Pattern.quote(call))
                .containsPattern("carrier-proxy: in-dialog BYE routed to sip:[^ ]*" + gw + Pattern.quote(call))
                .contains("carrier-proxy: reply 200 to BYE from 127.0.0.1:" + gatewayPort + call);
    }

    @Test
    void theSameCallerStraightToTheGatewayIsAnUnknownSource() throws Exception {
        long before = unknownSources();
        Sipp.Result r = Sipp.runFrom(CALLER_IP, "trunk-refused.xml", gatewayPort, Map.of(),
                List.of("-s", "a-direct"), 1, 1);
        assertThat(r.passed()).as(r.toString()).isTrue();
        assertThat(unknownSources()).isEqualTo(before + 1);
        assertThat(records).isEmpty();
    }

    @Test
    void afterTheTrunkIsDisabledTheProxyRelaysThe403() throws Exception {
        Sipp.Result ok = throughKamailio("trunk-call-routed.xml");
        assertThat(ok.passed()).as(ok.toString()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> records.size() == 1);
        long before = unknownSources();
        trunks.set(carrier(false));
        Sipp.Result r = throughKamailio("trunk-refused.xml");
        assertThat(r.passed()).as(r + "\n--- kamailio ---\n" + kamailio.log()).isTrue();
        assertThat(unknownSources()).isEqualTo(before + 1);
        assertThat(kamailio.log())
                .contains("carrier-proxy: reply 403 to INVITE from 127.0.0.1:" + gatewayPort + " call ");
        assertThat(records).hasSize(1);
    }
}
