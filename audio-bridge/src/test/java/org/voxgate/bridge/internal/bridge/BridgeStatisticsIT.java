package org.voxgate.bridge.internal.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.BridgeSnapshot;
import org.voxgate.bridge.api.ConferenceOptions;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.ParticipantRole;

/** Bridge-wide counters over real loopback legs: open legs count, closed legs stay counted. */
class BridgeStatisticsIT {
    private static final InetAddress LO = InetAddress.getLoopbackAddress();
    private DefaultMediaBridge bridge;

    @AfterEach
    void close() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void totalsSurviveClosedLegsAndConferences() throws Exception {
        bridge = new DefaultMediaBridge(Bridges.config(Duration.ofSeconds(30)), System::nanoTime, Bridges.tuning());
        assertThat(bridge.running()).isTrue();
        BridgeSnapshot empty = bridge.snapshot();
        assertThat(empty.openLegs()).isZero();
        assertThat(empty.packetsDroppedByReason()).containsEntry("BAD_VERSION", 0L).containsEntry("WRONG_SOURCE", 0L);

        try (RtpPeer a = new RtpPeer(1); RtpPeer b = new RtpPeer(2)) {
            MediaLeg legA = bridge.openLeg(LegOptions.forCall("a"), new RecordingListener());
            MediaLeg legB = bridge.openLeg(LegOptions.forCall("b"), new RecordingListener());
            InetSocketAddress toA = new InetSocketAddress(LO, RtpPeer.answeredPort(legA.answer(a.offer(""))));
            legB.answer(b.offer(""));
            legA.join(bridge.conference("stats", ConferenceOptions.defaults()), ParticipantRole.PARTICIPANT);
            for (int i = 0; i < 10; i++) {
                a.sendTonePacket(toA, 400, 3000);
            }
            a.sendBytes(toA, new byte[] {(byte) 0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}); // version 1
            a.sendBytes(toA, new byte[] {(byte) 0x40, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1});
            await().atMost(Duration.ofSeconds(3)).until(() -> bridge.snapshot().packetsReceived() == 10
                    && bridge.snapshot().packetsDroppedByReason().get("BAD_VERSION") == 2);
            await().atMost(Duration.ofSeconds(3)).until(() -> bridge.snapshot().packetsSent() > 10);
            BridgeSnapshot open = bridge.snapshot();
            assertThat(open.openLegs()).isEqualTo(2);
            assertThat(open.conferences()).isEqualTo(1);
            assertThat(open.packetsSent()).isEqualTo(legA.stats().packetsSent() + legB.stats().packetsSent());

            legA.close();
            legB.close();
            bridge.findConference("stats").orElseThrow().close();
            await().atMost(Duration.ofSeconds(3)).until(() -> bridge.snapshot().openLegs() == 0);
            BridgeSnapshot closed = bridge.snapshot();
            assertThat(closed.conferences()).isZero();
            assertThat(closed.packetsReceived()).isEqualTo(10);
            assertThat(closed.packetsDroppedByReason()).containsEntry("BAD_VERSION", 2L);
            assertThat(closed.packetsSent()).isGreaterThanOrEqualTo(open.packetsSent());
        }
        bridge.close();
        assertThat(bridge.running()).isFalse();
    }
}
