package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.LegListener;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.MediaBridge;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.sip.fake.FakeDirectory;
import org.voxgate.sip.fake.LoopbackBridge;
import org.voxgate.sip.sipp.Sipp;
import org.voxgate.testing.Peers;

/**
 * Codec changes mid-call by re-INVITE, through the gateway to the real bridge with the
 * preference Opus, G.722, PCMU, PCMA: PCMU, then Opus with telephone-event/48000, then G.722
 * with telephone-event/8000 (SIPp checks each answer; {@code codec-change.xml}).
 */
class CodecChangeIT {

    @Test
    void reInvitesChangeTheCodecAndTheTelephoneEventClock() throws Exception {
        Peers.requireCommand("sipp");
        int port = Sipp.freePort();
        List<CallRecord> records = new CopyOnWriteArrayList<>();
        try (MediaBridge bridge = LoopbackBridge.create(100, List.of("OPUS", "G722", "PCMU", "PCMA"))) {
            assumeOpus(bridge);
            SipGateway gateway = new SipGateway(SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port),
                    bridge, new FakeDirectory().add(new Meeting("m-open", "1234", null, null, 10)), records::add);
            gateway.start();
            try {
                Sipp.Result r = Sipp.run("codec-change.xml", port, Map.of(),
                        List.of("-mp", Integer.toString(Sipp.freePort())));
                assertThat(r.passed()).as(r.toString()).isTrue();
                await().atMost(Duration.ofSeconds(5)).until(() -> !records.isEmpty());
                assertThat(records.get(0).codec()).as("the codec at hang-up").isEqualTo("G722");
            } finally {
                gateway.close();
            }
        }
    }

    /** libopus loads here (bundled for common platforms): the bridge answers an Opus offer with Opus. */
    private static void assumeOpus(MediaBridge bridge) throws Exception {
        LegListener quiet = new LegListener() {
            @Override
            public void onDtmf(MediaLeg leg, org.voxgate.bridge.api.DtmfEvent event) {}

            @Override
            public void onMediaTimeout(MediaLeg leg) {}
        };
        MediaLeg probe = bridge.openLeg(LegOptions.forCall("opus-probe"), quiet);
        try {
            String answer = probe.answer("v=0\r\no=p 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 9 RTP/AVP 111 0\r\na=rtpmap:111 opus/48000/2\r\n");
            boolean opus = answer.contains("opus/48000/2");
            if (Peers.underCi()) {
                assertThat(opus).as("libopus loads under CI").isTrue();
            }
            assumeTrue(opus, "libopus does not load here");
        } finally {
            probe.close();
        }
    }
}
