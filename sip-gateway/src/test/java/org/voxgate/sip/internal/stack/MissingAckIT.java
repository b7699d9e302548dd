package org.voxgate.sip.internal.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
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
import org.voxgate.sip.sipp.Sipp;
import org.voxgate.sip.wire.Messages;
import org.voxgate.sip.wire.UdpSipClient;
import org.voxgate.sip.wire.UdpSipClient.SipMessage;

/**
 * RFC 3261 section 13.3.1.4: when no ACK comes for our 200, we stop retransmitting and end the
 * call with BYE. The stack's dialog timeout (64 * T1 = 32 s) is shortened to 4 * T1 here.
 */
class MissingAckIT {
    private final List<CallRecord> records = new CopyOnWriteArrayList<>();
    private FakeMediaBridge bridge;
    private GatewayCore gateway;
    private UdpSipClient client;
    private int port;

    @BeforeEach
    void start() throws Exception {
        port = Sipp.freePort();
        bridge = FakeMediaBridge.autoPlaying(Duration.ofMillis(50));
        Properties fast = new Properties();
        fast.setProperty("gov.nist.javax.sip.DIALOG_TIMEOUT_FACTOR", "4");
        gateway = new GatewayCore(SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port), bridge,
                new FakeDirectory().add(new Meeting("m", "1234", null, null, 5)), records::add, null, fast);
        gateway.start();
        client = new UdpSipClient(port);
    }

    @AfterEach
    void stop() {
        client.answeringByes(gateway::close);
        client.close();
        bridge.close();
    }

    @Test
    void noAckMeansByeAndTheLegIsReleased() throws Exception {
        Messages.Dialog d = Messages.newDialog(client.localPort(), port);
        client.send(Messages.invite("conf", d, "", Messages.PCMU_OFFER));
        SipMessage ok = client.finalResponse("INVITE", Duration.ofSeconds(3));
        assertThat(ok.status()).isEqualTo(200);
        SipMessage bye = client.receiveUntil(Duration.ofSeconds(10), m -> "BYE".equals(m.method()));
        assertThat(bye).as("BYE after the 200 went unacknowledged").isNotNull();
        client.send(Messages.okTo(bye));
        await().atMost(Duration.ofSeconds(3)).until(() -> !records.isEmpty());
        assertThat(records.get(0).cause()).isEqualTo(EndCause.NO_ACK);
        assertThat(bridge.openLegs()).isZero();
        assertThat(gateway.activeCalls()).isZero();
    }
}
