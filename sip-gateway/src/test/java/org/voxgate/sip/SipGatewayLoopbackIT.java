package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.sip.fake.FakeDirectory;
import org.voxgate.sip.fake.FakeLeg;
import org.voxgate.sip.fake.FakeMediaBridge;
import org.voxgate.sip.sipp.Sipp;
import org.voxgate.sip.wire.Messages;
import org.voxgate.sip.wire.UdpSipClient;
import org.voxgate.sip.wire.UdpSipClient.SipMessage;

/** Answers SIPp scenarios do not cover, driven by a bare UDP (and one TCP) client on loopback. */
class SipGatewayLoopbackIT {
    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final Meeting OPEN = new Meeting("m-open", "1234", null, null, 10);

    private FakeMediaBridge bridge;
    private SipGateway gateway;
    private int port;
    private UdpSipClient client;
    private final List<CallRecord> records = new CopyOnWriteArrayList<>();

    private void start(int maxCalls) throws Exception {
        port = Sipp.freePort();
        bridge = FakeMediaBridge.autoPlaying(Duration.ofMillis(50));
        gateway = new SipGateway(SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port).withMaxCalls(maxCalls),
                bridge, new FakeDirectory().add(OPEN), records::add);
        gateway.start();
        client = new UdpSipClient(port);
    }

    @BeforeEach
    void setUp() throws Exception {
        start(5);
    }

    @AfterEach
    void tearDown() {
        client.answeringByes(gateway::close);
        client.close();
        bridge.close();
    }

    private Messages.Dialog answeredCall() throws Exception {
        Messages.Dialog d = Messages.newDialog(client.localPort(), port);
        client.send(Messages.invite("conf", d, "", Messages.PCMU_OFFER));
        SipMessage ok = client.finalResponse("INVITE", WAIT);
        assertThat(ok).isNotNull();
        assertThat(ok.status()).isEqualTo(200);
        Messages.Dialog confirmed = d.withToTag(ok.toTag());
        client.send(Messages.ack(confirmed, 1));
        return confirmed;
    }

    private SipMessage inviteAnswer(String user, String extra, String sdp) throws Exception {
        Messages.Dialog d = Messages.newDialog(client.localPort(), port);
        client.send(Messages.invite(user, d, extra, sdp));
        SipMessage r = client.finalResponse("INVITE", WAIT);
        assertThat(r).as("final response").isNotNull();
        return r;
    }

    @Test
    void answersGoToTheSourcePortWhenTheViaAsksForRport() throws Exception {
        // RFC 3581: a client behind NAT names a port in its Via that is not where its packets
        // come from; with rport the answer must go back to the source address and port.
        int unreachable;
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            unreachable = s.getLocalPort();
        }
        client.send(Messages.options(unreachable, port));
        SipMessage r = client.finalResponse("OPTIONS", WAIT);
        assertThat(r).as("the answer reached the real source port, not the Via port").isNotNull();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Via")).contains("rport=" + client.localPort()).contains("received=127.0.0.1");
    }

    @Test
    void offerWeCannotMeetGets488WithWarning() throws Exception {
        SipMessage r = inviteAnswer("conf", "", Messages.PCMU_OFFER.replace("RTP/AVP 0 101", "RTP/AVP 18")
                .replace("a=rtpmap:0 PCMU/8000\r\n", "a=rtpmap:18 G729/8000\r\n"));
        assertThat(r.status()).isEqualTo(488);
        assertThat(r.header("Warning")).startsWith("305 127.0.0.1 \"").contains("PCMU");
        await().atMost(WAIT).until(() -> gateway.activeCalls() == 0 && bridge.openLegs() == 0);
    }

    @Test
    void sipIInviteWithSdpAndIsupIsAnswered() throws Exception {
        Messages.Dialog d = Messages.newDialog(client.localPort(), port);
        String body = "--sip-i\r\nContent-Type: application/sdp\r\n\r\n" + Messages.PCMU_OFFER
                + "\r\n--sip-i\r\nContent-Type: application/isup;version=itu-t92+\r\n"
                + "Content-Disposition: signal;handling=optional\r\n\r\n\u0001\u0011\u0048\u0000\r\n--sip-i--\r\n";
        client.send(Messages.invite("conf", d, "", null).replace("Content-Length: 0\r\n\r\n",
                "Content-Type: multipart/mixed;boundary=sip-i\r\nContent-Length: " + body.length() + "\r\n\r\n" + body));
        SipMessage ok = client.finalResponse("INVITE", WAIT);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Content-Type")).isEqualTo("application/sdp");
        assertThat(ok.body()).contains("m=audio").contains("RTP/AVP 0 101");
        client.send(Messages.ack(d.withToTag(ok.toTag()), 1));
    }

    @Test
    void malformedSdpGets400() throws Exception {
        assertThat(inviteAnswer("conf", "", "this is not sdp").status()).isEqualTo(400);
    }

    @Test
    void unknownNumberGets404() throws Exception {
        assertThat(inviteAnswer("nobody", "", Messages.PCMU_OFFER).status()).isEqualTo(404);
        assertThat(bridge.legs()).isEmpty();
    }

    @Test
    void aFailingDirectoryGets500AndTheGatewayGoesOn() throws Exception {
        tearDown();
        port = Sipp.freePort();
        bridge = FakeMediaBridge.autoPlaying(Duration.ofMillis(50));
        MeetingDirectory broken = new MeetingDirectory() {
            @Override
            public java.util.Optional<Meeting> findByAccessCode(String accessCode) {
                throw new IllegalStateException("database down");
            }

            @Override
            public DialPlanRoute route(String calledNumber) {
                if (calledNumber.equals("conf")) {
                    return DialPlanRoute.ivr();
                }
                throw new IllegalStateException("database down");
            }
        };
        gateway = new SipGateway(SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port), bridge, broken);
        gateway.start();
        client = new UdpSipClient(port);
        assertThat(inviteAnswer("other", "", Messages.PCMU_OFFER).status()).isEqualTo(500);
        Messages.Dialog d = answeredCall(); // IVR route works; the access code lookup will fail
        client.send(Messages.inDialog("INFO", d, 2, "", "application/dtmf", "1"));
        client.send(Messages.inDialog("INFO", d, 3, "", "application/dtmf", "#"));
        assertThat(client.receiveUntil(WAIT, m -> m.header("CSeq").startsWith("3") && m.status() == 200)).isNotNull();
        FakeLeg leg = bridge.legs().get(0);
        await().atMost(WAIT).until(() -> leg.lastPlayed().contains(org.voxgate.bridge.api.Prompt.INVALID_CODE));
        client.send(Messages.inDialog("BYE", d, 4, "", null, null));
        assertThat(client.finalResponse("BYE", WAIT).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> gateway.activeCalls() == 0);
    }

    @Test
    void noPortsInTheBridgeGets503WithRetryAfter() throws Exception {
        bridge.setNoPorts(true);
        SipMessage r = inviteAnswer("conf", "", Messages.PCMU_OFFER);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isNotNull();
    }

    @Test
    void atMaxCallsGets503WithRetryAfter() throws Exception {
        tearDown();
        start(1);
        answeredCall();
        SipMessage r = inviteAnswer("conf", "", Messages.PCMU_OFFER);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("30");
        assertThat(gateway.activeCalls()).isEqualTo(1);
        await().atMost(WAIT).until(() -> !records.isEmpty()); // written just after the 503 is sent
        CallRecord busy = records.get(0);
        assertThat(busy.cause()).isEqualTo(EndCause.REJECTED);
        assertThat(busy.sipStatus()).isEqualTo(503);
        assertThat(busy.from()).isEqualTo("sip:caller@127.0.0.1:" + client.localPort());
        assertThat(busy.to()).isEqualTo("sip:conf@127.0.0.1:" + port);
    }

    @Test
    void updateWithOfferIsAnsweredAndInfoWithBadDigitIs400() throws Exception {
        Messages.Dialog d = answeredCall();
        client.send(Messages.inDialog("UPDATE", d, 2, "", "application/sdp", Messages.PCMU_OFFER.replace("a=sendrecv", "a=inactive")));
        SipMessage update = client.finalResponse("UPDATE", WAIT);
        assertThat(update.status()).isEqualTo(200);
        assertThat(update.body()).contains("a=inactive");
        client.send(Messages.inDialog("INFO", d, 3, "", "application/dtmf-relay", "Signal=Z\r\n"));
        assertThat(client.finalResponse("INFO", WAIT).status()).isEqualTo(400);
        client.send(Messages.inDialog("INFO", d, 4, "", null, null));
        assertThat(client.finalResponse("INFO", WAIT).status()).isEqualTo(200);
        client.send(Messages.inDialog("INFO", d.withToTag("wrong"), 5, "", null, null));
        assertThat(client.finalResponse("INFO", WAIT).status()).isEqualTo(481);
    }

    @Test
    void mediaTimeoutHangsUpWithBye() throws Exception {
        Messages.Dialog d = answeredCall();
        await().atMost(WAIT).until(() -> bridge.legs().size() == 1);
        FakeLeg leg = bridge.legs().get(0);
        leg.timeOutMedia();
        SipMessage bye = client.receiveUntil(WAIT, m -> "BYE".equals(m.method()));
        assertThat(bye).isNotNull();
        assertThat(bye.header("Call-ID")).isEqualTo(d.callId());
        assertThat(bye.header("User-Agent")).isEqualTo("Voxgate");
        client.send(Messages.okTo(bye));
        await().atMost(WAIT).until(() -> !records.isEmpty());
        assertThat(records.get(0).cause()).isEqualTo(EndCause.MEDIA_TIMEOUT);
        assertThat(leg.isClosed()).isTrue();
    }

    @Test
    void boundToTheWildcardOurByeNamesTheAdvertisedHostInVia() throws Exception {
        tearDown();
        port = Sipp.freePort();
        bridge = FakeMediaBridge.autoPlaying(Duration.ofMillis(50));
        gateway = new SipGateway(SipConfig.defaults("0.0.0.0", "127.0.0.1").withPorts(port, port), bridge,
                new FakeDirectory().add(OPEN), records::add);
        gateway.start();
        client = new UdpSipClient(port);
        answeredCall();
        await().atMost(WAIT).until(() -> bridge.legs().size() == 1);
        bridge.legs().get(0).timeOutMedia();
        SipMessage bye = client.receiveUntil(WAIT, m -> "BYE".equals(m.method()));
        assertThat(bye).isNotNull();
        assertThat(bye.header("Via")).startsWith("SIP/2.0/UDP 127.0.0.1:" + port);
        client.send(Messages.okTo(bye));
    }

    @Test
    void closeSaysByeToEveryCallAndReturnsQuickly() throws Exception {
        answeredCall();
        answeredCall();
        assertThat(gateway.activeCalls()).isEqualTo(2);
        Thread answerer = new Thread(() -> {
            try {
                for (int i = 0; i < 2; i++) {
                    SipMessage bye = client.receiveUntil(WAIT, m -> "BYE".equals(m.method()));
                    if (bye != null) {
                        client.send(Messages.okTo(bye));
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        answerer.start();
        long t0 = System.nanoTime();
        gateway.close();
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        answerer.join(5000);
        assertThat(tookMs).isLessThan(4000);
        assertThat(gateway.activeCalls()).isZero();
        assertThat(records).extracting(CallRecord::cause).containsExactly(EndCause.SHUTDOWN, EndCause.SHUTDOWN);
        // the ports are free again
        try (java.net.DatagramSocket udp = new java.net.DatagramSocket(port, InetAddress.getLoopbackAddress());
             java.net.ServerSocket tcp = new java.net.ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(udp.getLocalPort()).isEqualTo(tcp.getLocalPort());
        }
    }

    @Test
    void malformedRequestsInADialogDoNotHurtTheCall() throws Exception {
        Messages.Dialog d = answeredCall();
        String info = Messages.inDialog("INFO", d, 2, "", "application/dtmf", "5");
        client.send(info.replace("CSeq: 2 INFO", "CSeq: two INFO"));
        client.send(info.replace("Via: SIP/2.0/UDP", "Via: SIP/9.9/XYZ"));
        client.send(info.replace("Content-Length: 1", "Content-Length: 4000"));
        client.send(Messages.inDialog("INVITE", d, 3, "", "application/sdp", "this is not sdp"));
        SipMessage bad = client.finalResponse("INVITE", WAIT);
        assertThat(bad.status()).isEqualTo(400);
        client.send(Messages.inDialog("INFO", d, 4, "", "application/dtmf", "5"));
        assertThat(client.receiveUntil(WAIT, m -> m.cseqMethod().equals("INFO") && m.header("CSeq").startsWith("4")
                && m.status() == 200)).isNotNull();
        assertThat(gateway.activeCalls()).isEqualTo(1);
        client.send(Messages.inDialog("BYE", d, 5, "", null, null));
        assertThat(client.finalResponse("BYE", WAIT).status()).isEqualTo(200);
    }

    @Test
    void aCallLogsTwoInfoLinesBothWithItsCallId() throws Exception {
        ch.qos.logback.classic.Logger sipLogger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.voxgate.sip");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        sipLogger.addAppender(appender);
        try {
            Messages.Dialog d = answeredCall();
            client.send(Messages.inDialog("BYE", d, 2, "", null, null));
            assertThat(client.finalResponse("BYE", WAIT).status()).isEqualTo(200);
            await().atMost(WAIT).until(() -> !records.isEmpty());
            List<ch.qos.logback.classic.spi.ILoggingEvent> info = appender.list.stream()
                    .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.INFO)
                    .filter(e -> e.getLoggerName().startsWith("org.voxgate.sip.internal.stack.SipCall")
                            || d.callId().equals(e.getMDCPropertyMap().get("callId")))
                    .toList();
            assertThat(info).extracting(e -> e.getMDCPropertyMap().get("callId")).containsExactly(d.callId(), d.callId());
            assertThat(info.get(0).getFormattedMessage()).startsWith("call answered");
            assertThat(info.get(1).getFormattedMessage()).startsWith("call ended cause=CALLER_HANGUP");
        } finally {
            sipLogger.detachAppender(appender);
        }
    }

    @Test
    void optionsOverTcp() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(3000);
            String msg = Messages.options(s.getLocalPort(), port).replace("SIP/2.0/UDP", "SIP/2.0/TCP");
            OutputStream out = s.getOutputStream();
            out.write(msg.getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("SIP/2.0 200 OK");
        }
    }
}
