package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.DtmfSource;
import org.voxgate.bridge.api.Prompt;
import org.voxgate.sip.fake.FakeDirectory;
import org.voxgate.sip.fake.FakeLeg;
import org.voxgate.sip.fake.FakeMediaBridge;
import org.voxgate.sip.fake.Resources;
import org.voxgate.sip.sipp.Sipp;

/** The gateway against SIPp over UDP loopback, with the in-memory bridge. */
class SipGatewayIT {
    private static final Meeting OPEN = new Meeting("m-open", "1234", null, null, 10);

    private static FakeMediaBridge bridge;
    private static SipGateway gateway;
    private static int port;
    private static final List<CallRecord> records = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        port = Sipp.freePort();
        bridge = FakeMediaBridge.autoPlaying(Duration.ofMillis(50));
        // SIPp places 40 calls at 20 a second from 127.0.0.1, as a trunk peer would: trusted, or
        // the per-source limit (16 requests per 2 s) bans it (DefenceIT tests that)
        SipConfig config = SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port)
                .withDefence(SipDefenceConfig.defaults().withTrustedNetworks(List.of("127.0.0.1")));
        gateway = new SipGateway(config, bridge, new FakeDirectory().add(OPEN), records::add);
        gateway.start();
    }

    @AfterAll
    static void stop() throws Exception {
        Resources.closeAll(gateway, bridge);
    }

    @BeforeEach
    void clear() {
        records.clear();
        bridge.setOpenLegDelay(Duration.ZERO);
    }

    @AfterEach
    void noCallLeft() {
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.activeCalls() == 0);
    }

    private static Sipp.Result sipp(String scenario) throws Exception {
        Sipp.Result r = Sipp.run(scenario, port, Map.of());
        assertThat(r.passed()).as(r.toString()).isTrue();
        return r;
    }

    private static Sipp.Result sippOverTcp(String scenario) throws Exception {
        Sipp.Result r = Sipp.run(scenario, port, Map.of(), List.of("-t", "t1"));
        assertThat(r.passed()).as(r.toString()).isTrue();
        return r;
    }

    private static CallRecord onlyRecord() {
        await().atMost(Duration.ofSeconds(5)).until(() -> !records.isEmpty());
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    @Test
    void optionsGets200WithAllowAndRport() throws Exception {
        sipp("options.xml");
    }

    @Test
    void basicCallJoinsTheMeetingByInfoDigits() throws Exception {
        sipp("basic-call.xml");
        CallRecord cdr = onlyRecord();
        assertThat(cdr.cause()).isEqualTo(EndCause.CALLER_HANGUP);
        assertThat(cdr.meetingId()).isEqualTo("m-open");
        assertThat(cdr.codec()).isEqualTo("PCMU");
        assertThat(cdr.answerTime()).isNotNull();
        FakeLeg leg = bridge.legForCall(cdr.callId()).orElseThrow();
        assertThat(leg.injected()).extracting(e -> e.digit()).containsExactly('1', '2', '3', '4', '#');
        assertThat(leg.injected()).allMatch(e -> e.source() == DtmfSource.SIP_INFO);
        assertThat(leg.prompts()).contains(Prompt.WELCOME, Prompt.JOINING);
        assertThat(leg.isClosed()).isTrue();
    }

    @Test
    void basicCallOverTcp() throws Exception {
        sippOverTcp("basic-call.xml");
        CallRecord cdr = onlyRecord();
        assertThat(cdr.cause()).isEqualTo(EndCause.CALLER_HANGUP);
        assertThat(cdr.meetingId()).isEqualTo("m-open");
    }

    @Test
    void threeWrongCodesOverTcpEndWithOurByeOverTcp() throws Exception {
        sippOverTcp("wrong-codes.xml");
        assertThat(onlyRecord().cause()).isEqualTo(EndCause.IVR_ENDED);
    }

    @Test
    void fortyCallsAtTwentyASecondAllJoin() throws Exception {
        Sipp.Result r = Sipp.runMany("basic-call.xml", port, 40, 20);
        assertThat(r.passed()).as(r.toString()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> records.size() == 40);
        assertThat(records).allSatisfy(cdr -> {
            assertThat(cdr.cause()).isEqualTo(EndCause.CALLER_HANGUP);
            assertThat(cdr.meetingId()).isEqualTo("m-open");
        });
        assertThat(records).extracting(CallRecord::callId).doesNotHaveDuplicates();
        assertThat(bridge.openLegs()).isZero();
    }

    @Test
    void threeWrongCodesEndWithOurBye() throws Exception {
        sipp("wrong-codes.xml");
        CallRecord cdr = onlyRecord();
        assertThat(cdr.cause()).isEqualTo(EndCause.IVR_ENDED);
        FakeLeg leg = bridge.legForCall(cdr.callId()).orElseThrow();
        assertThat(leg.lastPlayed()).containsExactly(Prompt.TOO_MANY_ATTEMPTS);
    }

    @Test
    void cancelBeforeAnswerGets487() throws Exception {
        bridge.setOpenLegDelay(Duration.ofMillis(1500));
        sipp("cancel.xml");
        CallRecord cdr = onlyRecord();
        assertThat(cdr.cause()).isEqualTo(EndCause.CANCELLED);
        assertThat(cdr.sipStatus()).isEqualTo(487);
        await().atMost(Duration.ofSeconds(3)).until(() -> bridge.legForCall(cdr.callId()).map(FakeLeg::isClosed).orElse(false));
    }

    @Test
    void byeForUnknownDialogGets481() throws Exception {
        sipp("bye-unknown.xml");
    }

    @Test
    void unknownMethodGets405WithAllow() throws Exception {
        sipp("unknown-method.xml");
    }

    @Test
    void unknownRequireGets420() throws Exception {
        sipp("require-foo.xml");
    }

    @Test
    void maxForwardsZeroGets483() throws Exception {
        sipp("max-forwards.xml");
    }

    @Test
    void lateOfferTakesTheAnswerFromTheAck() throws Exception {
        sipp("late-offer.xml");
        CallRecord cdr = onlyRecord();
        assertThat(cdr.cause()).isEqualTo(EndCause.CALLER_HANGUP);
        assertThat(cdr.codec()).isEqualTo("PCMU");
    }

    @Test
    void holdAndResumeByReInvite() throws Exception {
        sipp("hold-resume.xml");
        CallRecord cdr = onlyRecord();
        FakeLeg leg = bridge.legForCall(cdr.callId()).orElseThrow();
        assertThat(leg.sdpSent()).hasSize(3);
        assertThat(leg.sdpSent().get(1)).contains("a=recvonly");
        assertThat(leg.remoteDirection()).isEqualTo("sendrecv");
    }

    @Test
    void sessionTimerTooSmallGets422ThenAccepts() throws Exception {
        sipp("session-timer.xml");
        await().atMost(Duration.ofSeconds(5)).until(() -> records.size() == 2);
        assertThat(records).extracting(CallRecord::sipStatus).containsExactly(422, 200);
    }
}
