package org.voxgate.bridge.internal.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.srtp.SdesCrypto;
import org.voxgate.srtp.SrtpContext;
import org.voxgate.srtp.SrtpKeys;
import org.voxgate.srtp.SrtpPacket;
import org.voxgate.srtp.SrtpProfile;
import org.voxgate.srtp.SrtpStatus;
import org.voxgate.testing.Pcap;
import org.voxgate.testing.Peers;
import org.voxgate.testing.RtpStream;

/**
 * What an SRTP leg puts on the wire, read by tshark: the RTP headers are there (SRTP leaves
 * them in the clear) but no payload is the mu-law audio the leg sent, and the RTCP reports do
 * not show our CNAME. The same bytes unprotected with the answered key are that audio.
 */
class SrtpWireFormatTsharkIT {
    @TempDir
    Path dir;

    @Test
    void tsharkFindsNoPlaintextAudioOnAnSrtpLeg() throws Exception {
        Path tshark = Peers.requireCommand("tshark");
        InetAddress lo = InetAddress.getLoopbackAddress();
        List<byte[]> rtp = new ArrayList<>();
        List<byte[]> rtcp = new ArrayList<>();
        SdesCrypto theirs;
        int bridgePort;
        try (DefaultMediaBridge bridge = new DefaultMediaBridge(Bridges.config(Duration.ofSeconds(30)),
                System::nanoTime, Bridges.tuning());
             DatagramSocket rtpSocket = new DatagramSocket(new InetSocketAddress(lo, 0));
             DatagramSocket rtcpSocket = new DatagramSocket(new InetSocketAddress(lo, 0));
             SdesCrypto ours = SdesCrypto.generate(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80, new SecureRandom())) {
            MediaLeg leg = bridge.openLeg(LegOptions.forCall("tshark-srtp").withSecureSignalling(true),
                    new RecordingListener());
            String offer = "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + rtpSocket.getLocalPort() + " RTP/SAVP 0\r\n"
                    + "a=rtcp:" + rtcpSocket.getLocalPort() + "\r\n" + ours.toAttributeLine() + "\r\n";
            String answer = leg.answer(offer);
            bridgePort = RtpPeer.answeredPort(answer);
            Matcher m = Pattern.compile("a=crypto:[^\r\n]+").matcher(answer);
            assertThat(m.find()).isTrue();
            theirs = SdesCrypto.parse(m.group());
            byte[] buf = new byte[1500];
            rtpSocket.setSoTimeout(1000);
            for (int i = 0; i < 30; i++) { // the leg sends silence while no prompt plays
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                rtpSocket.receive(p);
                rtp.add(Arrays.copyOf(p.getData(), p.getLength()));
            }
            rtcpSocket.setSoTimeout(200);
            long end = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < end) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    rtcpSocket.receive(p);
                    rtcp.add(Arrays.copyOf(p.getData(), p.getLength()));
                } catch (SocketTimeoutException e) {
                    // wait for the next report
                }
            }
        }
        assertThat(rtcp).isNotEmpty();
        Path rtpPcap = dir.resolve("srtp.pcap");
        Path rtcpPcap = dir.resolve("srtcp.pcap");
        Pcap.writeUdp(rtpPcap, packets(rtp), bridgePort, 40000);
        Pcap.writeUdp(rtcpPcap, packets(rtcp), bridgePort + 1, 40001);

        // Without being told, tshark does not take it for RTP: plain UDP data.
        for (String protocols : tshark(tshark, rtpPcap, List.of(), "frame.protocols")) {
            assertThat(protocols).doesNotContain("rtp");
        }
        // Told it is RTP, it reads the headers, and the payload is ciphertext plus a 10-byte tag.
        List<String> lines = tshark(tshark, rtpPcap, List.of("-d", "udp.port==40000,rtp"),
                "rtp.version", "rtp.p_type", "rtp.seq", "rtp.payload");
        assertThat(lines).hasSize(30);
        String silence = "ff".repeat(160);
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            assertThat(f[0]).isEqualTo("2");
            assertThat(f[1]).isEqualTo("0");
            String payload = f[3].replace(":", "");
            assertThat(payload).hasSize(2 * 170);
            assertThat(payload).doesNotContain("ffffffffffffffff"); // no run of mu-law silence
            assertThat(payload.substring(0, 320)).isNotEqualTo(silence);
        }
        // SRTCP: the compound's SDES CNAME is encrypted
        List<String> cnames = tshark(tshark, rtcpPcap, List.of("-d", "udp.port==40001,rtcp"), "rtcp.sdes.text");
        assertThat(cnames).noneMatch(c -> c.contains("voxgate-"));
        for (byte[] d : rtcp) {
            assertThat(new String(d, StandardCharsets.ISO_8859_1)).doesNotContain("voxgate-");
        }
        // ...and the same bytes under the answered key are the silence the leg sent, and our CNAME
        try (SrtpKeys k = theirs.srtpKeys(); SrtpContext receive = SrtpContext.forReceiving(theirs.policy(), k)) {
            for (byte[] d : rtp) {
                SrtpPacket p = new SrtpPacket(d.clone(), 0, d.length);
                assertThat(receive.unprotect(p)).isEqualTo(SrtpStatus.OK);
                assertThat(HexFormat.of().formatHex(p.array(), 12, p.length())).isEqualTo(silence);
            }
            SrtpPacket r = new SrtpPacket(rtcp.get(0).clone(), 0, rtcp.get(0).length);
            assertThat(receive.unprotectRtcp(r)).isEqualTo(SrtpStatus.OK);
            assertThat(new String(r.array(), 0, r.length(), StandardCharsets.ISO_8859_1)).contains("voxgate-");
        } finally {
            theirs.close();
        }
    }

    private static List<RtpStream.Packet> packets(List<byte[]> datagrams) {
        List<RtpStream.Packet> out = new ArrayList<>();
        for (int i = 0; i < datagrams.size(); i++) {
            out.add(new RtpStream.Packet(i * 20_000L, datagrams.get(i)));
        }
        return out;
    }

    private List<String> tshark(Path tshark, Path pcap, List<String> decodeAs, String... fields)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(tshark.toString(), "-n", "-r", pcap.toString()));
        cmd.addAll(decodeAs);
        cmd.addAll(List.of("-T", "fields"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("tshark.err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("tshark.err"))).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
