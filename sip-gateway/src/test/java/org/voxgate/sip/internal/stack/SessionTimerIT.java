package org.voxgate.sip.internal.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.sip.CallRecord;
import org.voxgate.sip.EndCause;
import org.voxgate.sip.Meeting;
import org.voxgate.sip.SipConfig;
import org.voxgate.sip.fake.FakeDirectory;
import org.voxgate.sip.fake.FakeMediaBridge;
import org.voxgate.sip.fake.FakeScheduler;
import org.voxgate.sip.sipp.Sipp;
import org.voxgate.sip.wire.Messages;
import org.voxgate.sip.wire.UdpSipClient;
import org.voxgate.sip.wire.UdpSipClient.SipMessage;

/** RFC 4028 over real UDP, with the gateway's timers on a fake clock. */
class SessionTimerIT {
    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final Duration QUIET = Duration.ofMillis(300);

    private final FakeScheduler scheduler = new FakeScheduler();
    private final List<CallRecord> records = new CopyOnWriteArrayList<>();
    private FakeMediaBridge bridge;
    private GatewayCore gateway;
    private UdpSipClient client;
    private int port;

    @BeforeEach
    void start() throws Exception {
        port = Sipp.freePort();
        bridge = FakeMediaBridge.autoPlaying(Duration.ofMillis(50));
        gateway = new GatewayCore(SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port), bridge,
                new FakeDirectory().add(new Meeting("m", "1234", null, null, 5)), records::add, scheduler);
        gateway.start();
        client = new UdpSipClient(port);
    }

    @AfterEach
    void stop() {
        client.answeringByes(gateway::close);
        client.close();
        bridge.close();
    }

    private Messages.Dialog call(String sessionHeaders, String expectSessionExpires) throws Exception {
        Messages.Dialog d = Messages.newDialog(client.localPort(), port);
        // straight into the meeting: no IVR timers run on the fake clock
        client.send(Messages.invite("direct-1234", d, sessionHeaders, Messages.PCMU_OFFER));
        SipMessage ok = client.finalResponse("INVITE", WAIT);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Session-Expires")).isEqualTo(expectSessionExpires);
        Messages.Dialog confirmed = d.withToTag(ok.toTag());
        int before = scheduler.pending();
        client.send(Messages.ack(confirmed, 1));
        await().atMost(WAIT).until(() -> scheduler.pending() > before); // IVR and session timer armed
        return confirmed;
    }

    private SipMessage nextRequest(String method) throws Exception {
        return client.receiveUntil(WAIT, m -> method.equals(m.method()));
    }

    @Test
    void withoutRefreshWeSendByeBeforeTheSessionExpires() throws Exception {
        Messages.Dialog d = call("Supported: timer\r\nSession-Expires: 90;refresher=uac\r\n", "90;refresher=uac");
        scheduler.advanceMillis(59_000);
        assertThat(client.receiveUntil(QUIET, m -> "BYE".equals(m.method()))).isNull();
        scheduler.advanceMillis(1_000); // 90 - min(32, 90/3) = 60 s
        SipMessage bye = nextRequest("BYE");
        assertThat(bye).isNotNull();
        assertThat(bye.header("Call-ID")).isEqualTo(d.callId());
        client.send(Messages.okTo(bye));
        await().atMost(WAIT).until(() -> !records.isEmpty());
        assertThat(records.get(0).cause()).isEqualTo(EndCause.SESSION_EXPIRED);
    }

    @Test
    void aRefreshByReInviteRestartsTheInterval() throws Exception {
        Messages.Dialog d = call("Supported: timer\r\nSession-Expires: 90\r\n", "90;refresher=uac");
        scheduler.advanceMillis(50_000);
        client.send(Messages.inDialog("INVITE", d, 2, "Supported: timer\r\nSession-Expires: 90;refresher=uac\r\n",
                "application/sdp", Messages.PCMU_OFFER));
        SipMessage ok = client.finalResponse("INVITE", WAIT);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Session-Expires")).isEqualTo("90;refresher=uac");
        client.send(Messages.ack(d, 2));
        scheduler.advanceMillis(50_000); // 100 s after the start, 50 s after the refresh
        assertThat(client.receiveUntil(QUIET, m -> "BYE".equals(m.method()))).isNull();
        assertThat(gateway.activeCalls()).isEqualTo(1);
        scheduler.advanceMillis(10_000);
        assertThat(nextRequest("BYE")).isNotNull();
    }

    @Test
    void aRefreshByUpdateRestartsTheIntervalAndTooSmallIs422() throws Exception {
        Messages.Dialog d = call("Supported: timer\r\nSession-Expires: 90\r\n", "90;refresher=uac");
        client.send(Messages.inDialog("UPDATE", d, 2, "Supported: timer\r\nSession-Expires: 30\r\n", null, null));
        SipMessage small = client.finalResponse("UPDATE", WAIT);
        assertThat(small.status()).isEqualTo(422);
        assertThat(small.header("Min-SE")).isEqualTo("90");
        scheduler.advanceMillis(50_000);
        client.send(Messages.inDialog("UPDATE", d, 3, "Supported: timer\r\nSession-Expires: 120\r\n", null, null));
        SipMessage ok = client.finalResponse("UPDATE", WAIT);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Session-Expires")).isEqualTo("120;refresher=uac");
        scheduler.advanceMillis(87_000); // 120 - 32 = 88 s after the refresh
        assertThat(client.receiveUntil(QUIET, m -> "BYE".equals(m.method()))).isNull();
        scheduler.advanceMillis(1_000);
        assertThat(nextRequest("BYE")).isNotNull();
    }

    @Test
    void whenTheCallerCannotRefreshWeDoWithReInvite() throws Exception {
        Messages.Dialog d = call("Session-Expires: 120\r\n", "120;refresher=uas");
        scheduler.advanceMillis(60_000);
        SipMessage refresh = nextRequest("INVITE");
        assertThat(refresh).isNotNull();
        assertThat(refresh.header("Session-Expires")).isEqualTo("120;refresher=uas");
        assertThat(refresh.body()).contains("m=audio");
        String ok = Messages.okTo(refresh).replace("Content-Length: 0",
                "Contact: <sip:caller@127.0.0.1:" + client.localPort() + ">\r\nSession-Expires: 120;refresher=uas\r\nContent-Length: 0");
        client.send(ok);
        SipMessage ack = nextRequest("ACK");
        assertThat(ack).isNotNull();
        assertThat(ack.header("CSeq")).endsWith("ACK");
        assertThat(gateway.activeCalls()).isEqualTo(1);
        assertThat(d.callId()).isEqualTo(refresh.header("Call-ID"));
    }

    @Test
    void weRefreshWithUpdateWhenTheCallerAllowsIt() throws Exception {
        call("Allow: INVITE, ACK, BYE, CANCEL, UPDATE\r\nSession-Expires: 120\r\n", "120;refresher=uas");
        scheduler.advanceMillis(60_000);
        SipMessage refresh = nextRequest("UPDATE");
        assertThat(refresh).isNotNull();
        assertThat(refresh.header("Session-Expires")).isEqualTo("120;refresher=uas");
        assertThat(refresh.body()).isEmpty();
        client.send(Messages.okTo(refresh).replace("Content-Length: 0",
                "Contact: <sip:caller@127.0.0.1:" + client.localPort() + ">\r\nContent-Length: 0"));
        await().atMost(WAIT).until(() -> scheduler.pending() > 0); // the next refresh is armed
        scheduler.advanceMillis(60_000);
        assertThat(nextRequest("UPDATE")).as("second refresh").isNotNull();
        assertThat(gateway.activeCalls()).isEqualTo(1);
    }

    @Test
    void aRefreshAnswered481EndsTheCall() throws Exception {
        call("Allow: INVITE, ACK, BYE, UPDATE\r\nSession-Expires: 120\r\n", "120;refresher=uas");
        scheduler.advanceMillis(60_000);
        SipMessage refresh = nextRequest("UPDATE");
        assertThat(refresh).isNotNull();
        client.send(Messages.okTo(refresh).replace("SIP/2.0 200 OK", "SIP/2.0 481 Call/Transaction Does Not Exist"));
        SipMessage bye = nextRequest("BYE");
        assertThat(bye).isNotNull();
        client.send(Messages.okTo(bye));
        await().atMost(WAIT).until(() -> !records.isEmpty());
        assertThat(records.get(0).cause()).isEqualTo(EndCause.SESSION_EXPIRED);
    }
}
