package org.voxgate.bridge.internal.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.testing.Peers;

/**
 * What the bridge puts on the wire, decoded by an independent implementation: tshark reads the
 * RTP and RTCP datagrams a leg sent (written to a pcap file here) and must find well-formed
 * RFC 3550 packets with continuous sequence numbers and timestamps and an SR + SDES CNAME.
 */
class WireFormatTsharkIT {
    @TempDir
    Path dir;

    private record Datagram(int srcPort, int dstPort, byte[] bytes) {
    }

    @Test
    void tsharkDecodesOurRtpAndRtcp() throws Exception {
        Path tshark = Peers.requireCommand("tshark");
        InetAddress lo = InetAddress.getLoopbackAddress();
        List<Datagram> captured = new ArrayList<>();
        try (DefaultMediaBridge bridge = new DefaultMediaBridge(Bridges.config(Duration.ofSeconds(30)),
                System::nanoTime, Bridges.tuning());
             DatagramSocket rtpSocket = new DatagramSocket(new InetSocketAddress(lo, 0));
             DatagramSocket rtcpSocket = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            MediaLeg leg = bridge.openLeg(LegOptions.forCall("tshark"), new RecordingListener());
            String offer = "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + rtpSocket.getLocalPort() + " RTP/AVP 0\r\n"
                    + "a=rtcp:" + rtcpSocket.getLocalPort() + "\r\n";
            int bridgePort = RtpPeer.answeredPort(leg.answer(offer));
            byte[] buf = new byte[1500];
            rtpSocket.setSoTimeout(1000);
            for (int i = 0; i < 30; i++) { // the leg sends silence while no prompt plays
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                rtpSocket.receive(p);
                captured.add(new Datagram(bridgePort, rtpSocket.getLocalPort(), Arrays.copyOf(p.getData(), p.getLength())));
            }
            rtcpSocket.setSoTimeout(200);
            long end = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < end) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    rtcpSocket.receive(p);
                    captured.add(new Datagram(bridgePort + 1, rtcpSocket.getLocalPort(),
                            Arrays.copyOf(p.getData(), p.getLength())));
                } catch (SocketTimeoutException e) {
                    // wait for the next report
                }
            }
            Path pcap = dir.resolve("bridge.pcap");
            writePcap(pcap, captured);
            List<String> lines = tshark(tshark, pcap, rtpSocket.getLocalPort(), rtcpSocket.getLocalPort());
            List<String[]> rtp = new ArrayList<>();
            List<String[]> rtcp = new ArrayList<>();
            for (String line : lines) {
                String[] f = line.split("\t", -1);
                assertThat(f).as(line).hasSize(8);
                assertThat(f[7]).as("malformed: " + line).isEmpty();
                if (!f[1].isEmpty()) {
                    rtp.add(f);
                } else if (!f[5].isEmpty()) {
                    rtcp.add(f);
                }
            }
            assertThat(rtp).hasSize(30);
            for (int i = 0; i < rtp.size(); i++) {
                String[] f = rtp.get(i);
                assertThat(f[1]).isEqualTo("2");
                assertThat(f[2]).isEqualTo("0");
                if (i > 0) {
                    String[] prev = rtp.get(i - 1);
                    assertThat((Integer.parseInt(f[3]) - Integer.parseInt(prev[3])) & 0xFFFF).isEqualTo(1);
                    assertThat((Long.parseLong(f[4]) - Long.parseLong(prev[4])) & 0xFFFF_FFFFL).isEqualTo(160);
                }
            }
            assertThat(rtcp).isNotEmpty();
            assertThat(rtcp).anySatisfy(f -> assertThat(f[5]).isEqualTo("200,202"));
            assertThat(rtcp).allSatisfy(f -> assertThat(f[6]).startsWith("voxgate-"));
        }
    }

    private List<String> tshark(Path tshark, Path pcap, int rtpPort, int rtcpPort) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(tshark.toString(), "-n", "-r", pcap.toString(),
                "-d", "udp.port==" + rtpPort + ",rtp", "-d", "udp.port==" + rtcpPort + ",rtcp",
                "-T", "fields", "-e", "frame.number", "-e", "rtp.version", "-e", "rtp.p_type", "-e", "rtp.seq",
                "-e", "rtp.timestamp", "-e", "rtcp.pt", "-e", "rtcp.sdes.text", "-e", "_ws.malformed")
                .redirectError(dir.resolve("tshark.err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("tshark.err"))).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    /** A classic pcap (link type 1, Ethernet) with IPv4/UDP frames from 127.0.0.1 to itself. */
    private static void writePcap(Path file, List<Datagram> datagrams) throws IOException {
        int size = 24;
        for (Datagram d : datagrams) {
            size += 16 + 14 + 20 + 8 + d.bytes().length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        int second = 1_800_000_000;
        int micros = 0;
        for (Datagram d : datagrams) {
            int udpLength = 8 + d.bytes().length;
            int ipLength = 20 + udpLength;
            micros += 1000;
            b.order(ByteOrder.LITTLE_ENDIAN).putInt(second + micros / 1_000_000).putInt(micros % 1_000_000)
                    .putInt(14 + ipLength).putInt(14 + ipLength);
            b.order(ByteOrder.BIG_ENDIAN);
            b.put(new byte[] {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2}).putShort((short) 0x0800);
            int ip = b.position();
            b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putInt(0).put((byte) 64).put((byte) 17)
                    .putShort((short) 0).put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
            int sum = 0;
            for (int i = 0; i < 20; i += 2) {
                sum += b.getShort(ip + i) & 0xFFFF;
            }
            sum = (sum & 0xFFFF) + (sum >>> 16);
            sum = (sum & 0xFFFF) + (sum >>> 16);
            b.putShort(ip + 10, (short) ~sum);
            b.putShort((short) d.srcPort()).putShort((short) d.dstPort()).putShort((short) udpLength).putShort((short) 0);
            b.put(d.bytes());
        }
        Files.write(file, b.array());
    }
}
