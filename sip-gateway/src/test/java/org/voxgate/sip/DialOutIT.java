package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.ConferenceOptions;
import org.voxgate.bridge.api.DtmfEvent;
import org.voxgate.bridge.api.LegListener;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.MediaBridge;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.ParticipantRole;
import org.voxgate.sip.fake.FakeDirectory;
import org.voxgate.sip.fake.LoopbackBridge;
import org.voxgate.sip.sipp.Sipp;
import org.voxgate.testing.Kamailio;
import org.voxgate.testing.MuLaw;
import org.voxgate.testing.RtpStream;
import org.voxgate.testing.Tones;

/**
 * Dial-out against SIPp as the callee (and as the trunk's hosts), with the real audio bridge:
 * the callee answers (early media first), confirms with 1 by SIP INFO or RFC 4733 over RTP and
 * then hears the meeting's other participant (a 1 kHz tone); ring timeout and CANCEL; failover
 * from a silent host and from a 503; 486/603; one digest answer to a 407; refusal without a packet.
 */
class DialOutIT {
    private static final String NUMBER = "+441632960000";
    private static final Meeting MEETING = new Meeting("m-out", "4321", null, null, 10);
    private static final Meeting MODERATED = new Meeting("m-mod", "8642", null, "9999", 10);

    private MediaBridge bridge;
    private SipGateway gateway;
    private int sippPort;
    private int gatewayPort;
    private volatile List<Trunk> trunks = List.of();
    private final List<CallRecord> records = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeAtEnd = new ArrayList<>();
    private Path work;

    @BeforeEach
    void start() throws Exception {
        org.voxgate.testing.Peers.requireCommand("sipp");
        int port = Sipp.freePort();
        gatewayPort = port;
        sippPort = Sipp.freePort();
        bridge = LoopbackBridge.create(100);
        gateway = new SipGateway(SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port), bridge,
                accounts(new FakeDirectory().add(MEETING).add(MODERATED)), records::add, new TrunkDirectory() {
                    @Override
                    public List<Trunk> trunks() {
                        return trunks;
                    }

                    @Override
                    public long version() {
                        return trunks.hashCode();
                    }
                });
        gateway.dialOutSettings(new DialOutSettings(Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(2), 3));
        gateway.start();
        work = Files.createTempDirectory("dialout-");
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        for (AutoCloseable c : closeAtEnd) {
            c.close();
        }
        bridge.close();
    }

    private static Trunk trunk(String id, List<String> hosts, int port, Trunk.CallerIdPolicy cid, List<String> prefixes,
                               Trunk.Registration registration) {
        return new Trunk(id, "acct-1", id, Trunk.Direction.OUTBOUND, hosts, port, Trunk.Transport.UDP, List.of(), null,
                registration, List.of("PCMU"), 10, 10, Trunk.SrtpPolicy.OFF, cid, prefixes, true);
    }

    private Trunk plainTrunk(List<String> hosts) {
        return trunk("t1", hosts, sippPort, Trunk.CallerIdPolicy.PASSTHROUGH, List.of("+44"), null);
    }

    private static Path scenario(String name) throws URISyntaxException {
        return Path.of(DialOutIT.class.getResource("/sipp/dialout/" + name).toURI());
    }

    /** Starts a SIPp UAS on {@code ip:sippPort} and waits until it listens. */
    private org.voxgate.testing.Sipp.Running uas(String scenario, String ip, String... keys) throws Exception {
        org.voxgate.testing.Sipp s = org.voxgate.testing.Sipp.scenario(scenario(scenario), "127.0.0.1:5060",
                work.resolve(scenario + "-" + ip)).arg("-i", ip).localPort(sippPort).timeout(Duration.ofSeconds(25));
        for (int i = 0; i + 1 < keys.length; i += 2) {
            s.key(keys[i], keys[i + 1]);
        }
        org.voxgate.testing.Sipp.Running r = s.start();
        closeAtEnd.add(r::kill);
        // probing the port by binding it would race SIPp's own bind: watch /proc/net/udp instead
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

    private static void assertPassed(org.voxgate.testing.Sipp.Running r) throws Exception {
        org.voxgate.testing.Sipp.Result res = r.await();
        assertThat(res.ok()).as(res.describe()).isTrue();
    }

    private CallRecord cdrOf(DialOut d) {
        await().atMost(Duration.ofSeconds(5)).until(() -> records.stream().anyMatch(c -> c.callId().equals(d.callId())));
        return records.stream().filter(c -> c.callId().equals(d.callId())).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- answered and joined

    @Test
    void calleeConfirmsWithInfoAndHearsTheMeeting() throws Exception {
        CalleeMedia callee = new CalleeMedia();
        OtherParticipant other = new OtherParticipant();
        trunks = List.of(trunk("t1", List.of("127.0.0.1"), sippPort, Trunk.CallerIdPolicy.ANONYMOUS, List.of("+44"),
                null));
        var sipp = uas("callee-info.xml", "127.0.0.1", "callee_rtp", Integer.toString(callee.port()),
                "digit", "1");
        DialOut d = gateway.dialOut(new DialOutRequest(MEETING, NUMBER, "t1", "+442071234567", null));
        List<DialOutStatus> seen = new CopyOnWriteArrayList<>();
        Thread watcher = daemon(() -> {
            while (!d.status().isFinal()) {
                DialOutStatus s = d.status();
                if (seen.isEmpty() || seen.get(seen.size() - 1) != s) {
                    seen.add(s);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> d.status() == DialOutStatus.JOINED);
        assertThat(seen).contains(DialOutStatus.EARLY_MEDIA, DialOutStatus.ANSWERED_AWAITING_CONFIRM);
        assertThat(callee.packets()).as("the callee heard the prompt").isPositive();
        Thread.sleep(3_000); // JOINING replaces the mix for the callee while it plays, then the mix
        short[] heard = callee.lastMs(1_000);
        assertThat(Tones.toneLevelDbfs(heard, 0, heard.length, 1000, 8000)).as("the other participant's tone")
                .isGreaterThan(-30);
        d.hangup();
        assertPassed(sipp);
        watcher.join(5_000);
        assertThat(d.status()).isEqualTo(DialOutStatus.ENDED);
        CallRecord cdr = cdrOf(d);
        assertThat(cdr.direction()).isEqualTo(CallDirection.OUTBOUND);
        assertThat(cdr.trunkId()).isEqualTo("t1");
        assertThat(cdr.meetingId()).isEqualTo("m-out");
        assertThat(cdr.answerTime()).isNotNull();
        assertThat(cdr.sipStatus()).isEqualTo(200);
        assertThat(cdr.cause()).isEqualTo(EndCause.HUNG_UP_BY_API);
        other.close();
    }

    @Test
    void calleeConfirmsWithRfc4733OverRtp() throws Exception {
        CalleeMedia callee = new CalleeMedia();
        trunks = List.of(plainTrunk(List.of("127.0.0.1")));
        var sipp = uas("callee-rtp.xml", "127.0.0.1", "callee_rtp", Integer.toString(callee.port()));
        DialOut d = gateway.dialOut(new DialOutRequest(MEETING, NUMBER, "t1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> d.status() == DialOutStatus.ANSWERED_AWAITING_CONFIRM
                && callee.packets() > 10);
        callee.send(new RtpStream(0xCA11, 7, 1000, 101).silence(200).event('1', 120).silence(200));
        await().atMost(Duration.ofSeconds(5)).until(() -> d.status() == DialOutStatus.JOINED);
        assertThat(bridge.findConference("m-out")).isPresent();
        d.hangup();
        assertPassed(sipp);
        assertThat(cdrOf(d).direction()).isEqualTo(CallDirection.OUTBOUND);
    }

    @Test
    void anotherDigitIsNotAConfirmation() throws Exception {
        CalleeMedia callee = new CalleeMedia();
        trunks = List.of(plainTrunk(List.of("127.0.0.1")));
        var sipp = uas("callee-rtp.xml", "127.0.0.1", "callee_rtp", Integer.toString(callee.port()));
        DialOut d = gateway.dialOut(new DialOutRequest(MEETING, NUMBER, "t1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> d.status() == DialOutStatus.ANSWERED_AWAITING_CONFIRM
                && callee.packets() > 10);
        callee.send(new RtpStream(0xCA11, 7, 1000, 101).silence(200).event('5', 120).silence(200));
        assertPassed(sipp); // the scenario ends with our BYE
        assertThat(d.status()).isEqualTo(DialOutStatus.FAILED);
        assertThat(d.failure()).isEqualTo(DialOutFailure.NOT_CONFIRMED);
        assertThat(cdrOf(d).cause()).isEqualTo(EndCause.DIAL_OUT_FAILED);
    }

    @Test
    void silenceThroughEveryPromptIsNotAConfirmation() throws Exception {
        gateway.dialOutSettings(new DialOutSettings(Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofMillis(500), 2));
        CalleeMedia callee = new CalleeMedia();
        trunks = List.of(plainTrunk(List.of("127.0.0.1")));
        var sipp = uas("callee-rtp.xml", "127.0.0.1", "callee_rtp", Integer.toString(callee.port()));
        DialOut d = gateway.dialOut(new DialOutRequest(MEETING, NUMBER, "t1"));
        assertPassed(sipp); // two prompts of about 3.8 s, then our BYE
        assertThat(d.failure()).isEqualTo(DialOutFailure.NOT_CONFIRMED);
        assertThat(callee.packets()).as("two prompts heard").isGreaterThan(2 * 3_500 / 20);
    }

    // ---------------------------------------------------------------- not answered

    @Test
    void ringTimeoutSendsCancel() throws Exception {
        trunks = List.of(plainTrunk(List.of("127.0.0.1")));
        var sipp = uas("no-answer.xml", "127.0.0.1");
        DialOut d = gateway.dialOut(new DialOutRequest(MEETING, NUMBER, "t1", null, Duration.ofSeconds(2)));
        await().atMost(Duration.ofSeconds(5)).until(() -> d.status() == DialOutStatus.RINGING);
        await().atMost(Duration.ofSeconds(5)).until(() -> d.status() == DialOutStatus.FAILED);
        assertThat(d.failure()).isEqualTo(DialOutFailure.NO_ANSWER);
        assertPassed(sipp); // SIPp saw the CANCEL
        assertThat(bridge.openLegs()).isZero();
    }

    @Test
    void anAnswerThatCrossesOurCancelIsAckedAndHungUp() throws Exception {
        trunks = List.of(plainTrunk(List.of("127.0.0.1")));
        var sipp = uas("answer-crosses-cancel.xml", "127.0.0.1");
        DialOut d = gateway.dialOut(new DialOutRequest(MEETING, NUMBER, "t1", null, Duration.ofSeconds(1)));
        assertPassed(sipp); // our ACK, then our BYE
        assertThat(d.failure()).isEqualTo(DialOutFailure.NO_ANSWER);
        assertThat(bridge.openLegs()).isZero();
    }

    @Test
    void busyAndDeclineFailWithoutFailover() throws Exception {
        for (String[] c : new String[][] {{"486", "BUSY"}, {"603", "DECLINED"}}) {
            trunks = List.of(plainTrunk(List.of("127.0.0.1", "127.0.0.2")));
            var sipp = uas("reject-" + c[0] + ".xml", "127.0.0.1");
            DialOut d = gateway.dialOut(new DialOutRequest(MEETING, NUMBER, "t1"));
            assertPassed(sipp);
            await().atMost(Duration.ofSeconds(5)).until(() -> d.status() == DialOutStatus.FAILED);
            assertThat(d.failure()).hasToString(c[1]);
            assertThat(d.sipStatus()).isEqualTo(Integer.parseInt(c[0]));
        }
    }

    // ---------------------------------------------------------------- failover

    @Test
    void failsOverFromASilentHost() throws Exception {
        CalleeMedia callee = new CalleeMedia();
        trunks = List.of(plainTrunk(List.of("127.0.0.2", "127.0.0.1"))); // nothing listens on 127.0.0.2
        var sipp = uas("callee-rtp.xml", "127.0.0.1", "callee_rtp", Integer.toString(callee.port()));
        DialOut d = gateway.dialOut(new DialOutRequest(MEETING, NUMBER, "t1"));
        await().atMost(Duration.ofSeconds(8)).until(() -> d.status() == DialOutStatus.ANSWERED_AWAITING_CONFIRM);
        d.hangup();
        assertPassed(sipp);
    }

    @Test
    void failsOverFromA503() throws Exception {
        CalleeMedia callee = new CalleeMedia();
        trunks = List.of(plainTrunk(List.of("127.0.0.2", "127.0.0.1")));
        var unavailable = uas("reject-503.xml", "127.0.0.2");
        var sipp = uas("callee-rtp.xml", "127.0.0.1", "callee_rtp", Integer.toString(callee.port()));
        DialOut d = gateway.dialOut(new DialOutRequest(MEETING, NUMBER, "t1"));
        await().atMost(Duration.ofSeconds(8)).until(() -> d.status() == DialOutStatus.ANSWERED_AWAITING_CONFIRM);
        assertPassed(unavailable);
        d.hangup();
        assertPassed(sipp);
    }

    @Test
    void afterEarlyMediaAndA503TheNextHostGetsAFreshOffer() throws Exception {
        CalleeMedia decoy = new CalleeMedia();
        CalleeMedia callee = new CalleeMedia();
        trunks = List.of(plainTrunk(List.of("127.0.0.2", "127.0.0.1")));
        var first = uas("early-then-503.xml", "127.0.0.2", "callee_rtp", Integer.toString(decoy.port()));
        var sipp = uas("callee-rtp.xml", "127.0.0.1", "callee_rtp", Integer.toString(callee.port()));
        DialOut d = gateway.dialOut(new DialOutRequest(MEETING, NUMBER, "t1"));
        await().atMost(Duration.ofSeconds(8)).until(() -> d.status() == DialOutStatus.ANSWERED_AWAITING_CONFIRM);
        assertPassed(first);
        await().atMost(Duration.ofSeconds(5)).until(() -> callee.packets() > 10);
        int decoyBefore = decoy.packets();
        Thread.sleep(300);
        assertThat(decoy.packets()).as("no media to the host that gave up").isEqualTo(decoyBefore);
        d.hangup();
        assertPassed(sipp);
    }

    @Test
    void hostsOnTheMetadataOrWildcardAddressAreNeverContacted() throws Exception {
        trunks = List.of(plainTrunk(List.of("169.254.169.254", "0.0.0.0")));
        long before = gateway.statistics().securityRejections().get(SecurityReason.SSRF_TARGET);
        DialOut d = gateway.dialOut(new DialOutRequest(MEETING, NUMBER, "t1"));
        await().atMost(Duration.ofSeconds(3)).until(() -> d.status() == DialOutStatus.FAILED);
        assertThat(d.failure()).isEqualTo(DialOutFailure.UNREACHABLE);
        assertThat(gateway.statistics().securityRejections().get(SecurityReason.SSRF_TARGET)).isEqualTo(before + 2);
    }

    @Test
    void everyHostFailingIsUnreachable() throws Exception {
        trunks = List.of(plainTrunk(List.of("127.0.0.2", "127.0.0.3")));
        DialOut d = gateway.dialOut(new DialOutRequest(MEETING, NUMBER, "t1"));
        await().atMost(Duration.ofSeconds(6)).until(() -> d.status() == DialOutStatus.FAILED);
        assertThat(d.failure()).isEqualTo(DialOutFailure.UNREACHABLE);
        assertThat(cdrOf(d).cause()).isEqualTo(EndCause.DIAL_OUT_FAILED);
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void refusedWithoutAnyPacket() throws Exception {
        try (DatagramSocket trunkHost = new DatagramSocket(sippPort, InetAddress.getLoopbackAddress())) {
            trunkHost.setSoTimeout(1_000);
            trunks = List.of(trunk("none", List.of("127.0.0.1"), sippPort, Trunk.CallerIdPolicy.PASSTHROUGH, List.of(),
                    null), plainTrunk(List.of("127.0.0.1")),
                    new Trunk("in", "acct-1", "in", Trunk.Direction.INBOUND, List.of("127.0.0.1"), sippPort,
                            Trunk.Transport.UDP, List.of("127.0.0.1/32"), null, null, List.of("PCMU"), 1, 1,
                            Trunk.SrtpPolicy.OFF, Trunk.CallerIdPolicy.PASSTHROUGH, List.of(), true));
            assertRefused("none", NUMBER, DialOutRefusedException.Reason.DESTINATION_NOT_ALLOWED);
            assertRefused("t1", "+12125550100", DialOutRefusedException.Reason.DESTINATION_NOT_ALLOWED);
            assertRefused("t1", "441632960000", DialOutRefusedException.Reason.INVALID_NUMBER);
            assertRefused("in", NUMBER, DialOutRefusedException.Reason.TRUNK_INBOUND_ONLY);
            assertRefused("gone", NUMBER, DialOutRefusedException.Reason.UNKNOWN_TRUNK);
            byte[] buf = new byte[2048];
            assertThatThrownBy(() -> trunkHost.receive(new DatagramPacket(buf, buf.length)))
                    .as("not a single packet reached the trunk").isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(gateway.activeCalls()).isZero();
        assertThat(records).isEmpty();
    }

    private void assertRefused(String trunkId, String number, DialOutRefusedException.Reason reason) {
        assertThatThrownBy(() -> gateway.dialOut(new DialOutRequest(MEETING, number, trunkId)))
                .isInstanceOfSatisfying(DialOutRefusedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    // ---------------------------------------------------------------- digest

    @Test
    void a401IsAnsweredOnceWithTheRightDigest() throws Exception {
        CalleeMedia callee = new CalleeMedia();
        trunks = List.of(trunk("t1", List.of("127.0.0.1"), sippPort, Trunk.CallerIdPolicy.PASSTHROUGH, List.of("+44"),
                new Trunk.Registration(new Trunk.Credentials("dialer", "s3cret", "trunk.example"), 3600)));
        var sipp = uas("auth-401.xml", "127.0.0.1", "callee_rtp", Integer.toString(callee.port()),
                "auth_user", "dialer", "auth_pass", "s3cret");
        DialOut d = gateway.dialOut(new DialOutRequest(MEETING, NUMBER, "t1"));
        await().atMost(Duration.ofSeconds(8)).until(() -> d.status() == DialOutStatus.ANSWERED_AWAITING_CONFIRM);
        d.hangup();
        assertPassed(sipp);
    }

    @Test
    void a407IsAnsweredWithProxyAuthorization() throws Exception {
        CalleeMedia callee = new CalleeMedia();
        trunks = List.of(trunk("t1", List.of("127.0.0.1"), sippPort, Trunk.CallerIdPolicy.PASSTHROUGH, List.of("+44"),
                new Trunk.Registration(new Trunk.Credentials("dialer", "s3cret", null), 3600)));
        var sipp = uas("auth-407.xml", "127.0.0.1", "callee_rtp", Integer.toString(callee.port()),
                "auth_user", "dialer", "auth_pass", "s3cret");
        DialOut d = gateway.dialOut(new DialOutRequest(MEETING, NUMBER, "t1"));
        await().atMost(Duration.ofSeconds(8)).until(() -> d.status() == DialOutStatus.ANSWERED_AWAITING_CONFIRM);
        d.hangup();
        assertPassed(sipp);
    }

    @Test
    void wrongPasswordOrForeignRealmFails() throws Exception {
        trunks = List.of(trunk("t1", List.of("127.0.0.1"), sippPort, Trunk.CallerIdPolicy.PASSTHROUGH, List.of("+44"),
                new Trunk.Registration(new Trunk.Credentials("dialer", "wrong", null), 3600)));
        var sipp = uas("auth-401.xml", "127.0.0.1", "callee_rtp", "4000", "auth_user", "dialer", "auth_pass", "s3cret");
        DialOut d = gateway.dialOut(new DialOutRequest(MEETING, NUMBER, "t1"));
        sipp.await();
        await().atMost(Duration.ofSeconds(5)).until(() -> d.status() == DialOutStatus.FAILED);
        assertThat(d.sipStatus()).as("the trunk's 403 to our answer").isEqualTo(403);

        trunks = List.of(trunk("t1", List.of("127.0.0.1"), sippPort, Trunk.CallerIdPolicy.PASSTHROUGH, List.of("+44"),
                new Trunk.Registration(new Trunk.Credentials("dialer", "s3cret", "other.example"), 3600)));
        var again = uas("auth-401.xml", "127.0.0.1", "callee_rtp", "4000", "auth_user", "dialer", "auth_pass", "s3cret");
        DialOut d2 = gateway.dialOut(new DialOutRequest(MEETING, NUMBER, "t1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> d2.status() == DialOutStatus.FAILED);
        assertThat(d2.failure()).as("a challenge for a realm other than the configured one").isEqualTo(DialOutFailure.AUTH);
        again.kill();
    }

    // ---------------------------------------------------------------- through a proxy

    @Test
    void throughKamailioWithProxyAuthAndRecordRoute() throws Exception {
        CalleeMedia callee = new CalleeMedia();
        trunks = List.of(trunk("t1", List.of("127.0.0.3"), sippPort, Trunk.CallerIdPolicy.PASSTHROUGH, List.of("+44"),
                new Trunk.Registration(new Trunk.Credentials("dialer", "s3cret", "trunk.example"), 3600)));
        var sipp = uas("callee-behind-proxy.xml", "127.0.0.1", "callee_rtp", Integer.toString(callee.port()));
        // Kamailio as the carrier's proxy on 127.0.0.3 (kamailio/dialout-proxy.cfg): Proxy-Authorization
        // for INVITEs, then to SIPp with Record-Route; in-dialog requests follow the route
        try (Kamailio proxy = Kamailio.start(Files.readString(Path.of("src/test/resources/kamailio/dialout-proxy.cfg")),
                Map.of("PROXY_IP", "127.0.0.3", "PORT", Integer.toString(sippPort), "NEXT", "127.0.0.1:" + sippPort,
                        "REALM", "trunk.example", "PASSWORD", "s3cret", "SECRET", "voxgate-test-" + System.nanoTime()),
                work.resolve("kamailio"))) {
            DialOut d = gateway.dialOut(new DialOutRequest(MEETING, NUMBER, "t1"));
            await().atMost(Duration.ofSeconds(8)).until(() -> d.status() == DialOutStatus.ANSWERED_AWAITING_CONFIRM
                    || d.status().isFinal());
            assertThat(d.status()).as("the proxy's 407 was answered: " + proxy.log())
                    .isEqualTo(DialOutStatus.ANSWERED_AWAITING_CONFIRM);
            d.hangup();
            assertPassed(sipp); // ACK and BYE came through the proxy (its Via), following Record-Route
        }
    }

    // ---------------------------------------------------------------- keypad

    @Test
    void moderatorDialsOutWithTheKeypad() throws Exception {
        gateway.dialOutSettings(new DialOutSettings(Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofMillis(300), 1));
        CalleeMedia callee = new CalleeMedia();
        trunks = List.of(
                new Trunk("other-account", "acct-2", "x", Trunk.Direction.OUTBOUND, List.of("127.0.0.9"), sippPort,
                        Trunk.Transport.UDP, List.of(), null, null, List.of("PCMU"), 1, 1, Trunk.SrtpPolicy.OFF,
                        Trunk.CallerIdPolicy.PASSTHROUGH, List.of("+44"), true),
                trunk("us-only", List.of("127.0.0.1"), sippPort, Trunk.CallerIdPolicy.PASSTHROUGH, List.of("+1"), null),
                plainTrunk(List.of("127.0.0.1")));
        var calleeSipp = uas("callee-rtp.xml", "127.0.0.1", "callee_rtp", Integer.toString(callee.port()));
        org.voxgate.testing.Sipp.Running moderator = org.voxgate.testing.Sipp.scenario(scenario("moderator-keypad.xml"),
                        "127.0.0.1:" + gatewayPort, work.resolve("moderator")).localPort(Sipp.freePort())
                .mediaPort(Sipp.freePort()).service("direct-8642").timeout(Duration.ofSeconds(25)).start();
        closeAtEnd.add(moderator::kill);
        assertPassed(calleeSipp); // the number typed reached the callee; not confirmed: our BYE
        assertPassed(moderator);
        await().atMost(Duration.ofSeconds(5)).until(() -> records.size() == 2);
        CallRecord out = records.stream().filter(r -> r.direction() == CallDirection.OUTBOUND).findFirst().orElseThrow();
        assertThat(out.trunkId()).as("the first trunk of the meeting's account that allows +44").isEqualTo("t1");
        assertThat(out.meetingId()).isEqualTo("m-mod");
        assertThat(out.to()).contains(NUMBER);
    }

    /** The fake directory, with every meeting in account acct-1. */
    private static MeetingDirectory accounts(FakeDirectory d) {
        return new MeetingDirectory() {
            @Override
            public java.util.Optional<Meeting> findByAccessCode(String accessCode) {
                return d.findByAccessCode(accessCode);
            }

            @Override
            public DialPlanRoute route(String calledNumber) {
                return d.route(calledNumber);
            }

            @Override
            public java.util.Optional<String> accountOf(String meetingId) {
                return java.util.Optional.of("acct-1");
            }
        };
    }

    // ---------------------------------------------------------------- helpers

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "dialout-it");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The callee's RTP: SIPp's SDP points here; records what the bridge sends, sends digits back. */
    private final class CalleeMedia implements AutoCloseable {
        private final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        private final List<Short> samples = new CopyOnWriteArrayList<>();
        private volatile java.net.SocketAddress bridgeAddress;
        private volatile int packets;
        private final Thread reader;

        CalleeMedia() throws SocketException {
            closeAtEnd.add(this);
            reader = daemon(() -> {
                byte[] buf = new byte[2048];
                while (!socket.isClosed()) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        socket.receive(p);
                    } catch (java.io.IOException e) {
                        return;
                    }
                    bridgeAddress = p.getSocketAddress();
                    if (p.getLength() > 12 && (buf[1] & 0x7F) == 0) {
                        packets++;
                        for (int i = 12; i < p.getLength(); i++) {
                            samples.add(MuLaw.decode(buf[i]));
                        }
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        int packets() {
            return packets;
        }

        short[] lastMs(int ms) {
            List<Short> copy = List.copyOf(samples);
            int n = Math.min(copy.size(), ms * 8);
            short[] out = new short[n];
            for (int i = 0; i < n; i++) {
                out[i] = copy.get(copy.size() - n + i);
            }
            return out;
        }

        void send(RtpStream stream) throws Exception {
            long start = System.nanoTime();
            for (RtpStream.Packet p : stream.packets()) {
                long wait = p.atMicros() * 1_000 - (System.nanoTime() - start);
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                socket.send(new DatagramPacket(p.bytes(), p.bytes().length, bridgeAddress));
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** Someone already in the meeting: a bridge leg fed a 1 kHz tone over RTP by a test socket. */
    private final class OtherParticipant implements AutoCloseable {
        private final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        private final MediaLeg leg;
        private final Thread sender;

        OtherParticipant() throws Exception {
            closeAtEnd.add(this);
            leg = bridge.openLeg(LegOptions.forCall("other"), new LegListener() {
                @Override
                public void onDtmf(MediaLeg l, DtmfEvent event) {
                }

                @Override
                public void onMediaTimeout(MediaLeg l) {
                }
            });
            String answer = leg.answer("v=0\r\no=other 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + socket.getLocalPort() + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n");
            Matcher m = Pattern.compile("m=audio (\\d+)").matcher(answer);
            assertThat(m.find()).isTrue();
            int legPort = Integer.parseInt(m.group(1));
            leg.join(bridge.conference(MEETING.id(), ConferenceOptions.defaults()), ParticipantRole.PARTICIPANT);
            List<RtpStream.Packet> tone = new RtpStream(0x07E4, 1, 0, 101)
                    .audio(Tones.sine(1000, -10, 30_000, 8000)).packets();
            sender = daemon(() -> {
                long start = System.nanoTime();
                try {
                    for (RtpStream.Packet p : tone) {
                        long wait = p.atMicros() * 1_000 - (System.nanoTime() - start);
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        socket.send(new DatagramPacket(p.bytes(), p.bytes().length, InetAddress.getLoopbackAddress(),
                                legPort));
                    }
                } catch (Exception e) {
                    // closed
                }
            });
        }

        @Override
        public void close() {
            socket.close();
            leg.close();
        }
    }
}
