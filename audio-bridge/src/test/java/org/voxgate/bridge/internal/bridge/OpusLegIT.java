package org.voxgate.bridge.internal.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.BridgeConfig;
import org.voxgate.bridge.api.DtmfSource;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.LegStats;
import org.voxgate.bridge.internal.codec.AudioCodec;
import org.voxgate.bridge.internal.codec.OpusSupport;
import org.voxgate.bridge.internal.leg.DefaultMediaLeg;
import org.voxgate.testing.Peers;

/**
 * One Opus leg against a loopback peer: a single lost packet is rebuilt by in-band FEC (the
 * Opus jitter floor has the next packet buffered), and RFC 4733 digits at the Opus clock
 * (telephone-event/48000, RFC 7587 and RFC 4733 section 2.1) are reported with their length.
 */
class OpusLegIT {
    private static final InetAddress LO = InetAddress.getLoopbackAddress();
    private DefaultMediaBridge bridge;

    @AfterEach
    void close() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private DefaultMediaBridge bridge(int jitterMinMs, int opusFecJitterMinMs) {
        if (Peers.underCi()) {
            assertThat(OpusSupport.problem()).isNull();
        }
        assumeTrue(OpusSupport.available(), () -> "libopus: " + OpusSupport.problem());
        BridgeConfig b = Bridges.config(Duration.ofSeconds(30));
        bridge = new DefaultMediaBridge(new BridgeConfig(b.bindAddress(), b.advertisedAddress(), b.rtpPortMin(),
                b.rtpPortMax(), b.mediaTimeout(), b.mixerThreads(), List.of("OPUS", "PCMU"), jitterMinMs,
                b.jitterMaxMs(), opusFecJitterMinMs), System::nanoTime, Bridges.tuning());
        return bridge;
    }

    @Test
    void aSingleLossIsRebuiltByFec() throws Exception {
        // rtp.jitterMinMs 20 as by default; the Opus FEC floor (default 40 ms) applies
        DefaultMediaBridge br = bridge(20, BridgeConfig.DEFAULT_OPUS_FEC_JITTER_MIN_MS);
        try (CodecPeer peer = new CodecPeer(AudioCodec.OPUS, 0xFEC)) {
            DefaultMediaLeg leg = (DefaultMediaLeg) br.openLeg(LegOptions.forCall("fec"), new RecordingListener());
            peer.answer = leg.answer(peer.offer());
            assertThat(leg.codec()).isEqualTo(AudioCodec.OPUS);
            peer.dropPackets.add(100L);
            peer.start(peer.bridge(peer.answer), new double[] {1004}, new double[] {8000}, 0, 1);
            await().atMost(Duration.ofSeconds(15)).until(() -> peer.sent.get() >= 140);
            LegStats stats = leg.stats();
            peer.stop();
            System.out.printf("Opus leg, packet 100 of 140 lost: %d lost on the wire, %d rebuilt by FEC, %d concealed%n",
                    stats.packetsLost(), stats.fecRecovered(), stats.concealed());
            assertThat(peer.dropped.get()).isEqualTo(1);
            assertThat(stats.packetsLost()).isEqualTo(1);
            assertThat(stats.fecRecovered()).as("the single loss rebuilt from the next packet's FEC").isEqualTo(1);
        }
    }

    @Test
    void digitsAtTheOpusClockAreReportedWithTheirLength() throws Exception {
        DefaultMediaBridge br = bridge(20, 40);
        RecordingListener listener = new RecordingListener();
        try (RtpPeer peer = new RtpPeer(0x4733)) {
            DefaultMediaLeg leg = (DefaultMediaLeg) br.openLeg(LegOptions.forCall("opus-dtmf"), listener);
            String answer = leg.answer("v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + peer.port() + " RTP/AVP 111 101 100\r\n"
                    + "a=rtpmap:111 opus/48000/2\r\na=fmtp:111 useinbandfec=1\r\n"
                    + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n"
                    + "a=rtpmap:100 telephone-event/48000\r\na=fmtp:100 0-16\r\n"
                    + "a=ptime:20\r\na=sendrecv\r\n");
            assertThat(answer).contains("m=audio " + RtpPeer.answeredPort(answer) + " RTP/AVP 111 100\r\n")
                    .contains("a=rtpmap:100 telephone-event/48000\r\n");
            InetSocketAddress to = new InetSocketAddress(LO, RtpPeer.answeredPort(answer));
            for (int event : new int[] {1, 3, 5, 7, 11}) { // 1357#
                long ts = peer.timestamp();
                int[] durations = {960, 2880, 4800, 4800, 4800}; // 20, 60, 100 ms at 48 kHz
                for (int i = 0; i < durations.length; i++) {
                    boolean end = i >= 2;
                    byte[] p = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (durations[i] >> 8),
                            (byte) durations[i]};
                    peer.sendRaw(to, 100, peer.nextSeq(), ts, p, i == 0);
                }
                peer.advanceTimestamp(9600);
            }
            await().atMost(Duration.ofSeconds(3)).until(() -> listener.dtmf.size() == 5);
            assertThat(listener.digits()).isEqualTo("1357#");
            assertThat(listener.dtmf).allSatisfy(e -> {
                assertThat(e.source()).isEqualTo(DtmfSource.RFC4733);
                assertThat(e.durationMs()).as("4800 units at 48 kHz").isEqualTo(100);
            });
            assertThat(leg.sawTelephoneEvents()).isTrue();
        }
    }
}
