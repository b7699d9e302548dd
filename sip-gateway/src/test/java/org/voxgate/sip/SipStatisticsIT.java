package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.sip.SipStatistics.MethodStatus;
import org.voxgate.sip.fake.FakeDirectory;
import org.voxgate.sip.fake.FakeMediaBridge;
import org.voxgate.sip.sipp.Sipp;
import org.voxgate.sip.wire.Messages;
import org.voxgate.sip.wire.UdpSipClient;
import org.voxgate.sip.wire.UdpSipClient.SipMessage;

/** The gateway's counters move with real SIP over loopback UDP. */
class SipStatisticsIT {
    private static final Duration WAIT = Duration.ofSeconds(3);

    private FakeMediaBridge bridge;
    private SipGateway gateway;
    private int port;
    private UdpSipClient client;

    @BeforeEach
    void setUp() throws Exception {
        port = Sipp.freePort();
        bridge = FakeMediaBridge.autoPlaying(Duration.ofMillis(50));
        gateway = new SipGateway(SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port), bridge,
                new FakeDirectory().add(new Meeting("m1", "1234", null, null, 10)));
        assertThat(gateway.running()).isFalse();
        gateway.start();
        client = new UdpSipClient(port);
    }

    @AfterEach
    void tearDown() {
        client.answeringByes(gateway::close);
        client.close();
        bridge.close();
    }

    @Test
    void requestsResponsesCallsAndIvrOutcomesAreCounted() throws Exception {
        assertThat(gateway.running()).isTrue();
        client.send(Messages.options(client.localPort(), port));
        assertThat(client.finalResponse("OPTIONS", WAIT).status()).isEqualTo(200);
        Messages.Dialog lost = Messages.newDialog(client.localPort(), port);
        client.send(Messages.invite("nobody", lost, "", Messages.PCMU_OFFER));
        assertThat(client.finalResponse("INVITE", WAIT).status()).isEqualTo(404);
        client.send(Messages.request("FROB", "conf", Messages.newDialog(client.localPort(), port), 1, "FROB",
                UdpSipClient.token(), "", null, null));
        assertThat(client.finalResponse("FROB", WAIT).status()).isEqualTo(405);

        Messages.Dialog d = Messages.newDialog(client.localPort(), port);
        client.send(Messages.invite("conf", d, "", Messages.PCMU_OFFER));
        SipMessage ok = client.finalResponse("INVITE", WAIT);
        assertThat(ok.status()).isEqualTo(200);
        d = d.withToTag(ok.toTag());
        client.send(Messages.ack(d, 1));
        int cseq = 2;
        for (char digit : "1234#".toCharArray()) {
            final int n = cseq++; // one at a time: the stack may handle back-to-back INFOs out of order
            client.send(Messages.inDialog("INFO", d, n, "", "application/dtmf", Character.toString(digit)));
            assertThat(client.receiveUntil(WAIT, m -> m.header("CSeq").equals(n + " INFO"))).isNotNull();
        }
        await().atMost(WAIT).until(() -> gateway.statistics().ivrOutcomes().get(SipStatistics.IVR_JOINED) == 1);
        client.send(Messages.inDialog("BYE", d, cseq, "", null, null));
        final int byeCseq = cseq;
        assertThat(client.receiveUntil(WAIT, m -> m.header("CSeq").startsWith(byeCseq + " BYE"))).isNotNull();
        await().atMost(WAIT).until(() -> gateway.activeCalls() == 0);

        SipStatistics s = gateway.statistics();
        assertThat(s.requestsReceived()).containsEntry("OPTIONS", 1L).containsEntry("INVITE", 2L)
                .containsEntry("ACK", 1L).containsEntry("INFO", 5L).containsEntry("BYE", 1L)
                .containsEntry(SipStatistics.OTHER_METHOD, 1L).doesNotContainKey("FROB");
        assertThat(s.responsesSent()).containsEntry(new MethodStatus("INVITE", 100), 2L)
                .containsEntry(new MethodStatus("INVITE", 404), 1L).containsEntry(new MethodStatus("INVITE", 200), 1L)
                .containsEntry(new MethodStatus("INFO", 200), 5L).containsEntry(new MethodStatus("BYE", 200), 1L)
                .containsEntry(new MethodStatus("OTHER", 405), 1L);
        assertThat(s.callsStarted()).isEqualTo(2);
        assertThat(s.callsEnded()).containsEntry(EndCause.CALLER_HANGUP, 1L).containsEntry(EndCause.REJECTED, 1L)
                .containsEntry(EndCause.MEDIA_TIMEOUT, 0L);
        assertThat(s.ivrOutcomes()).containsEntry("JOINED", 1L).containsEntry("NO_INPUT", 0L);
        assertThat(s.responsesReceived()).isEmpty();
    }

    @Test
    void ourByeAndItsAnswerAreCountedAndClosingStopsRunning() throws Exception {
        Messages.Dialog d = Messages.newDialog(client.localPort(), port);
        client.send(Messages.invite("conf", d, "", Messages.PCMU_OFFER));
        SipMessage ok = client.finalResponse("INVITE", WAIT);
        client.send(Messages.ack(d.withToTag(ok.toTag()), 1));
        await().atMost(WAIT).until(() -> bridge.legs().size() == 1);
        client.answeringByes(gateway::close);
        assertThat(gateway.running()).isFalse();
        SipStatistics s = gateway.statistics();
        assertThat(s.callsEnded()).containsEntry(EndCause.SHUTDOWN, 1L);
        assertThat(s.responsesReceived()).containsEntry(new MethodStatus("BYE", 200), 1L);
    }
}
