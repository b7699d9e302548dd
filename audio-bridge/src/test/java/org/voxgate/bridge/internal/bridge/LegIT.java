package org.voxgate.bridge.internal.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.BridgeConfig;
import org.voxgate.bridge.api.BridgeException;
import org.voxgate.bridge.api.DtmfSource;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.Prompt;
import org.voxgate.bridge.internal.codec.G711;
import org.voxgate.bridge.internal.leg.DefaultMediaLeg;
import org.voxgate.bridge.internal.rtcp.RtcpParser;
import org.voxgate.bridge.internal.rtcp.RtcpReport;
import org.voxgate.bridge.internal.rtp.DropReason;

/** One leg at a time against plain loopback sockets. */
class LegIT {
    private static final InetAddress LO = InetAddress.getLoopbackAddress();
    private DefaultMediaBridge bridge;

    private DefaultMediaBridge bridge(Duration timeout) {
        bridge = new DefaultMediaBridge(Bridges.config(timeout), System::nanoTime, Bridges.tuning());
        return bridge;
    }

    @AfterEach
    void close() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private static InetSocketAddress bridgeAddress(String answer) {
        return new InetSocketAddress(LO, RtpPeer.answeredPort(answer));
    }

    @Test
    void latchesOnceToTheNatSourceAndDropsAThirdAddress() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (RtpPeer signalled = new RtpPeer(1); RtpPeer nat = new RtpPeer(2); RtpPeer third = new RtpPeer(3)) {
            DefaultMediaLeg leg = (DefaultMediaLeg) bridge(Duration.ofSeconds(30)).openLeg(LegOptions.forCall("nat"), listener);
            InetSocketAddress to = bridgeAddress(leg.answer(signalled.offer("")));
            // Before latching, the bridge sends to the signalled address.
            await().atMost(Duration.ofSeconds(2)).until(() -> signalled.receivedCount() > 3);
            for (int i = 0; i < 5; i++) {
                nat.sendTonePacket(to, 400, 3000);
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> nat.receivedCount() > 3);
            assertThat(leg.drops(DropReason.LATCHING)).isEqualTo(2);
            int signalledBefore = signalled.receivedCount();
            for (int i = 0; i < 5; i++) {
                third.sendTonePacket(to, 400, 3000);
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> leg.drops(DropReason.WRONG_SOURCE) == 5);
            Thread.sleep(200);
            assertThat(third.receivedCount()).isZero();
            assertThat(signalled.receivedCount() - signalledBefore).isLessThanOrEqualTo(1); // one in flight at most
            assertThat(nat.receivedFrom()).allMatch(a -> a.getPort() == to.getPort());
            assertThat(leg.stats().packetsReceived()).isEqualTo(3); // the latching packet and the two after
        }
    }

    @Test
    void noLatchingOnceTheSignalledAddressSpoke() throws Exception {
        try (RtpPeer signalled = new RtpPeer(1); RtpPeer other = new RtpPeer(2)) {
            DefaultMediaLeg leg = (DefaultMediaLeg) bridge(Duration.ofSeconds(30))
                    .openLeg(LegOptions.forCall("no-bleed"), new RecordingListener());
            InetSocketAddress to = bridgeAddress(leg.answer(signalled.offer("")));
            signalled.sendTonePacket(to, 400, 3000);
            await().atMost(Duration.ofSeconds(2)).until(() -> leg.stats().packetsReceived() == 1);
            for (int i = 0; i < 6; i++) {
                other.sendTonePacket(to, 400, 3000);
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> leg.drops(DropReason.WRONG_SOURCE) == 6);
            Thread.sleep(100);
            assertThat(other.receivedCount()).isZero();
        }
    }

    @Test
    void mediaTimeoutFiresOnceWhenRtpStops() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (RtpPeer peer = new RtpPeer(1)) {
            MediaLeg leg = bridge(Duration.ofMillis(600)).openLeg(LegOptions.forCall("timeout"), listener);
            InetSocketAddress to = bridgeAddress(leg.answer(peer.offer("")));
            peer.startTone(to, 400, 3000);
            Thread.sleep(1200); // twice the timeout while media flows
            assertThat(listener.timeouts.get()).isZero();
            peer.stopSending();
            long stopped = System.nanoTime();
            await().atMost(Duration.ofSeconds(3)).until(() -> listener.timeouts.get() == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            Thread.sleep(800);
            assertThat(listener.timeouts.get()).isEqualTo(1);
            assertThat(listener.threads).allMatch(t -> t.startsWith("voxgate-bridge-event-"));
        }
    }

    @Test
    void rfc4733AndSipInfoDigitsShareOneStream() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (RtpPeer peer = new RtpPeer(1)) {
            MediaLeg leg = bridge(Duration.ofSeconds(30)).openLeg(LegOptions.forCall("dtmf"), listener);
            InetSocketAddress to = bridgeAddress(leg.answer(peer.offer("")));
            sendDigit(peer, to, 1);
            sendDigit(peer, to, 11); // '#'
            await().atMost(Duration.ofSeconds(2)).until(() -> listener.dtmf.size() == 2);
            leg.injectDtmf('9', 120, DtmfSource.SIP_INFO);
            await().atMost(Duration.ofSeconds(2)).until(() -> listener.dtmf.size() == 3);
            Thread.sleep(200);
            assertThat(listener.digits()).isEqualTo("1#9");
            assertThat(listener.dtmf.get(0).source()).isEqualTo(DtmfSource.RFC4733);
            assertThat(listener.dtmf.get(0).durationMs()).isEqualTo(100);
            assertThat(listener.dtmf.get(2).source()).isEqualTo(DtmfSource.SIP_INFO);
        }
    }

    /** One key press as a phone sends it: start, update, three end packets; one timestamp. */
    private static void sendDigit(RtpPeer peer, InetSocketAddress to, int event) {
        long ts = peer.timestamp();
        int[] durations = {160, 480, 800, 800, 800};
        for (int i = 0; i < durations.length; i++) {
            boolean end = i >= 2;
            byte[] p = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (durations[i] >> 8), (byte) durations[i]};
            peer.sendRaw(to, 101, peer.nextSeq(), ts, p, i == 0);
            peer.send(to, 101, p, false); // and a retransmission with a new sequence number
        }
        peer.advanceTimestamp(1600);
    }

    /** 120 ms of the DTMF pair for '7' (852 + 1209 Hz), then 200 ms of silence, paced at 20 ms. */
    private static void sendInbandSeven(RtpPeer peer, InetSocketAddress to, int firstSeq, long firstTs)
            throws InterruptedException {
        long n = 0;
        for (int frame = 0; frame < 16; frame++) {
            byte[] payload = new byte[160];
            for (int i = 0; i < 160; i++, n++) {
                double v = frame < 6 ? 6000 * (Math.sin(2 * Math.PI * 852 * n / 8000.0)
                        + Math.sin(2 * Math.PI * 1209 * n / 8000.0)) : 0;
                payload[i] = G711.PCMU.encode((short) Math.round(v));
            }
            peer.sendRaw(to, 0, firstSeq + frame, firstTs + 160L * frame, payload, false);
            Thread.sleep(20);
        }
    }

    @Test
    void inbandDigitsWithOrWithoutTelephoneEventNegotiated() throws Exception {
        for (boolean negotiated : new boolean[] {true, false}) {
            RecordingListener listener = new RecordingListener();
            try (RtpPeer peer = new RtpPeer(1)) {
                MediaLeg leg = bridge(Duration.ofSeconds(30)).openLeg(LegOptions.forCall("inband"), listener);
                String offer = negotiated ? peer.offer("") : peer.offer("").replace("RTP/AVP 0 101", "RTP/AVP 0")
                        .replace("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n", "");
                InetSocketAddress to = bridgeAddress(leg.answer(offer));
                sendInbandSeven(peer, to, 7000, 0);
                await().atMost(Duration.ofSeconds(2)).until(() -> listener.dtmf.size() == 1);
                assertThat(listener.dtmf.get(0).digit()).isEqualTo('7');
                assertThat(listener.dtmf.get(0).source()).isEqualTo(DtmfSource.INBAND);
            } finally {
                bridge.close();
            }
        }
    }

    @Test
    void aKeySentBothWaysIsReportedOnce() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (RtpPeer peer = new RtpPeer(1)) {
            MediaLeg leg = bridge(Duration.ofSeconds(30)).openLeg(LegOptions.forCall("both"), listener);
            InetSocketAddress to = bridgeAddress(leg.answer(peer.offer("")));
            // As a gateway that does both: telephone-event packets alongside the tone in the audio.
            long n = 0;
            long eventTs = 100_000;
            int seq = 7000;
            for (int frame = 0; frame < 16; frame++) {
                byte[] payload = new byte[160];
                for (int i = 0; i < 160; i++, n++) {
                    double v = frame < 6 ? 6000 * (Math.sin(2 * Math.PI * 852 * n / 8000.0)
                            + Math.sin(2 * Math.PI * 1209 * n / 8000.0)) : 0;
                    payload[i] = G711.PCMU.encode((short) Math.round(v));
                }
                peer.sendRaw(to, 0, seq++, eventTs + 160L * frame, payload, false);
                if (frame < 9) {
                    int duration = Math.min(6, frame + 1) * 160;
                    boolean end = frame >= 6;
                    byte[] ev = {7, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
                    peer.sendRaw(to, 101, seq++, eventTs, ev, frame == 0);
                }
                Thread.sleep(20);
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> listener.dtmf.size() >= 1);
            Thread.sleep(500);
            assertThat(listener.digits()).isEqualTo("7");
            assertThat(listener.dtmf.get(0).source()).isEqualTo(DtmfSource.RFC4733);
        }
    }

    @Test
    void inbandFirstThenTheSameKeyAsEventIsReportedOnce() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (RtpPeer peer = new RtpPeer(1)) {
            MediaLeg leg = bridge(Duration.ofSeconds(30)).openLeg(LegOptions.forCall("late-event"), listener);
            InetSocketAddress to = bridgeAddress(leg.answer(peer.offer("")));
            sendInbandSeven(peer, to, 7000, 100_000);
            await().atMost(Duration.ofSeconds(2)).until(() -> listener.dtmf.size() == 1);
            for (int i = 0; i < 3; i++) {
                byte[] p = {7, (byte) 0x8a, 0x03, (byte) 0xc0};
                peer.sendRaw(to, 101, 7100 + i, 100_000, p, false);
            }
            Thread.sleep(300);
            assertThat(listener.digits()).isEqualTo("7");
            sendDigit(peer, to, 3); // a different key right after is not swallowed
            await().atMost(Duration.ofSeconds(2)).until(() -> listener.dtmf.size() == 2);
            assertThat(listener.digits()).isEqualTo("73");
        }
    }

    @Test
    void tonesInTheAudioAreIgnoredOnceTelephoneEventsArrive() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (RtpPeer peer = new RtpPeer(1)) {
            MediaLeg leg = bridge(Duration.ofSeconds(30)).openLeg(LegOptions.forCall("both"), listener);
            InetSocketAddress to = bridgeAddress(leg.answer(peer.offer("")));
            sendDigit(peer, to, 7);
            await().atMost(Duration.ofSeconds(2)).until(() -> listener.dtmf.size() == 1);
            sendInbandSeven(peer, to, 9000, 400_000);
            Thread.sleep(600);
            assertThat(listener.digits()).isEqualTo("7");
            assertThat(listener.dtmf.get(0).source()).isEqualTo(DtmfSource.RFC4733);
        }
    }

    @Test
    void promptIsHeardAndItsEndReported() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (RtpPeer peer = new RtpPeer(1)) {
            MediaLeg leg = bridge(Duration.ofSeconds(30)).openLeg(LegOptions.forCall("prompt"), listener);
            leg.answer(peer.offer(""));
            leg.play(List.of(Prompt.GOODBYE));
            await().atMost(Duration.ofSeconds(5)).until(() -> listener.playbackFinished.size() == 1);
            assertThat(listener.playbackFinished).containsExactly(true);
            assertThat(ConferenceIT.meanPower(peer.receivedPayloads())).isGreaterThan(100.0 * 100.0);
            leg.play(List.of(Prompt.WELCOME, Prompt.ENTER_ACCESS_CODE));
            Thread.sleep(200);
            leg.stopPlayback();
            await().atMost(Duration.ofSeconds(2)).until(() -> listener.playbackFinished.size() == 2);
            assertThat(listener.playbackFinished).containsExactly(true, false);
            // after playback the leg sends silence
            Thread.sleep(100);
            peer.clearReceived();
            await().atMost(Duration.ofSeconds(1)).until(() -> peer.receivedCount() >= 10);
            assertThat(ConferenceIT.meanPower(peer.receivedPayloads())).isZero();
        }
    }

    @Test
    void sendsRtcpSenderReportsWithCname() throws Exception {
        try (RtpPeer peer = new RtpPeer(1); DatagramSocket rtcp = new DatagramSocket(new InetSocketAddress(LO, 0))) {
            MediaLeg leg = bridge(Duration.ofSeconds(30)).openLeg(LegOptions.forCall("rtcp"), new RecordingListener());
            InetSocketAddress to = bridgeAddress(leg.answer(peer.offer("a=rtcp:" + rtcp.getLocalPort() + "\r\n")));
            peer.startTone(to, 400, 3000);
            rtcp.setSoTimeout(3000);
            RtcpReport report = new RtcpReport();
            report.localSsrc = peer.ssrc;
            byte[] buf = new byte[1500];
            // the first report may come before any RTP was received: wait for one with a block
            for (int i = 0; i < 6 && !report.hasBlock; i++) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                rtcp.receive(p);
                assertThat(RtcpParser.parse(p.getData(), 0, p.getLength(), report)).isNull();
            }
            assertThat(report.senderReport).isTrue();
            assertThat(report.senderPacketCount).isPositive();
            assertThat(report.hasBlock).isTrue();
            assertThat(report.cname).startsWith("voxgate-");
        }
    }

    @Test
    void portsComeBackOnCloseAndTheRangeRunsOut() throws Exception {
        BridgeConfig base = Bridges.config(Duration.ofSeconds(30));
        BridgeConfig small = new BridgeConfig(base.bindAddress(), base.advertisedAddress(), base.rtpPortMin(),
                base.rtpPortMin() + 3, base.mediaTimeout(), 1, base.codecs(), 20, 200);
        bridge = new DefaultMediaBridge(small, System::nanoTime, Bridges.tuning());
        MediaLeg a = bridge.openLeg(LegOptions.forCall("a"), new RecordingListener());
        MediaLeg b = bridge.openLeg(LegOptions.forCall("b"), new RecordingListener());
        assertThatThrownBy(() -> bridge.openLeg(LegOptions.forCall("c"), new RecordingListener()))
                .isInstanceOfSatisfying(BridgeException.class,
                        e -> assertThat(e.reason()).isEqualTo(BridgeException.Reason.NO_PORTS));
        assertThat(bridge.openLegs()).isEqualTo(2);
        a.close();
        b.close();
        await().atMost(Duration.ofSeconds(2)).until(() -> bridge.portsInUse() == 0);
        assertThat(bridge.openLegs()).isZero();
        assertThatThrownBy(() -> a.answer("v=0")).isInstanceOf(IllegalStateException.class);
        MediaLeg c = bridge.openLeg(LegOptions.forCall("c"), new RecordingListener());
        assertThat(c.stats().packetsSent()).isZero();
        bridge.close();
        assertThatThrownBy(() -> bridge.openLeg(LegOptions.forCall("d"), new RecordingListener()))
                .isInstanceOfSatisfying(BridgeException.class,
                        e -> assertThat(e.reason()).isEqualTo(BridgeException.Reason.CLOSED));
    }
}
