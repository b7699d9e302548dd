package org.voxgate.bridge.internal.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.bridge.TcpMediaConfig;
import org.voxgate.bridge.api.Conference;
import org.voxgate.bridge.api.ConferenceOptions;
import org.voxgate.bridge.api.DtmfEvent;
import org.voxgate.bridge.api.LegListener;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.ParticipantRole;
import org.voxgate.bridge.internal.leg.DefaultMediaLeg;
import org.voxgate.testing.Peers;
import org.voxgate.testing.Tones;

/**
 * GStreamer as the RFC 4571 peer (rtpstreampay / rtpstreamdepay from gst-plugins-good, an
 * independent implementation of the framing): one gst-launch pipeline sends a 1004 Hz PCMU tone
 * over TCP into a conference, where a UDP leg hears it; another connects to the same port and
 * records what the bridge sends it while the UDP leg talks.
 */
class GstreamerTcpIT {
    private static final double HZ = 1004;
    private static final LegListener QUIET = new LegListener() {
        @Override
        public void onDtmf(MediaLeg leg, DtmfEvent event) {}

        @Override
        public void onMediaTimeout(MediaLeg leg) {}
    };

    private static String offer() {
        return "v=0\r\no=gst 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 9 TCP/RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\n"
                + "a=setup:active\r\na=connection:new\r\na=sendrecv\r\n";
    }

    private static Process gst(Path gstLaunch, Path log, String... pipeline) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(gstLaunch.toString(), "-q"));
        cmd.addAll(List.of(pipeline));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void gstreamerSendsAndReceivesRfc4571(@TempDir Path dir) throws Exception {
        Path gstLaunch = Peers.requireCommand("gst-launch-1.0");
        Process sender = null;
        Process receiver = null;
        try (DefaultMediaBridge bridge = new DefaultMediaBridge(
                Bridges.config(Duration.ofSeconds(30)).withTcpMedia(TcpMediaConfig.on(0)), System::nanoTime,
                Bridges.tuning());
             RtpPeer a = new RtpPeer(0xA)) {
            int port = bridge.tcpMediaPort();
            Conference conf = bridge.conference("gst", ConferenceOptions.defaults());
            MediaLeg legA = bridge.openLeg(LegOptions.forCall("udp"), QUIET);
            InetSocketAddress toA = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    RtpPeer.answeredPort(legA.answer(a.offer(""))));
            legA.join(conf, ParticipantRole.PARTICIPANT);

            // 1. GStreamer talks over TCP, the UDP leg hears it
            DefaultMediaLeg talk = (DefaultMediaLeg) bridge.openLeg(LegOptions.forCall("gst-send"), QUIET);
            talk.answer(offer());
            talk.join(conf, ParticipantRole.PARTICIPANT);
            sender = gst(gstLaunch, dir.resolve("send.log"),
                    "audiotestsrc", "is-live=true", "wave=sine", "freq=1004", "volume=0.3", "!",
                    "audio/x-raw,format=S16LE,rate=8000,channels=1", "!", "mulawenc", "!",
                    "rtppcmupay", "pt=0", "min-ptime=20000000", "max-ptime=20000000", "!",
                    "rtpstreampay", "!", "tcpclientsink", "host=127.0.0.1", "port=" + port);
            await().atMost(Duration.ofSeconds(5)).until(() -> talk.tcpLink().connected());
            await().atMost(Duration.ofSeconds(5)).until(() -> talk.stats().packetsReceived() > 25);
            Thread.sleep(300);
            a.clearReceived();
            await().atMost(Duration.ofSeconds(5)).until(() -> a.receivedCount() >= 50);
            double heard = TcpRtpPeer.medianSnrDb(a.receivedPayloads(), 40, HZ);
            System.out.printf("UDP leg hears GStreamer (RFC 4571) at %.1f dB SNR%n", heard);
            assertThat(heard).isGreaterThanOrEqualTo(30);
            sender.destroy();
            talk.close();

            // 2. GStreamer listens over TCP to what the UDP leg says
            DefaultMediaLeg listen = (DefaultMediaLeg) bridge.openLeg(LegOptions.forCall("gst-recv"), QUIET);
            listen.answer(offer());
            listen.join(conf, ParticipantRole.PARTICIPANT);
            Path raw = dir.resolve("heard.raw");
            receiver = gst(gstLaunch, dir.resolve("recv.log"),
                    "tcpclientsrc", "host=127.0.0.1", "port=" + port, "!",
                    "application/x-rtp-stream,media=audio,clock-rate=8000,encoding-name=PCMU,payload=0", "!",
                    "rtpstreamdepay", "!", "rtppcmudepay", "!", "mulawdec", "!", "filesink", "location=" + raw);
            await().atMost(Duration.ofSeconds(5)).until(() -> listen.tcpLink().connected());
            a.startTone(toA, HZ, 10_000);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(raw) && Files.size(raw) > 3 * 8000 * 2);
            a.stopSending();
            receiver.destroy();
            receiver.waitFor();
            byte[] bytes = Files.readAllBytes(raw);
            short[] pcm = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
            // 20 ms frames that carry the tone (silence before the talker and after it is left out)
            List<Double> snrs = new ArrayList<>();
            for (int from = 0; from + 160 <= pcm.length; from += 160) {
                if (Tones.rmsDbfs(pcm, from, from + 160) > -30) {
                    snrs.add(Tones.snrDb(pcm, from, from + 160, HZ, 8000));
                }
            }
            snrs.sort(null);
            double snr = snrs.isEmpty() ? Double.NEGATIVE_INFINITY : snrs.get(snrs.size() / 2);
            System.out.printf("GStreamer hears the UDP leg over RFC 4571 at %.1f dB median SNR over %d tone frames"
                    + " (%d samples)%n", snr, snrs.size(), pcm.length);
            assertThat(snrs).as("20 ms frames with the tone").hasSizeGreaterThan(50);
            assertThat(snr).isGreaterThanOrEqualTo(25);
        } finally {
            for (Process p : new Process[] {sender, receiver}) {
                if (p != null) {
                    p.destroyForcibly();
                }
            }
        }
    }
}
