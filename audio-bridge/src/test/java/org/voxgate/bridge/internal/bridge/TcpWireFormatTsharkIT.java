package org.voxgate.bridge.internal.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.bridge.TcpMediaConfig;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.testing.Peers;

/**
 * What the bridge writes on a TCP media connection, decoded by tshark's own RFC 4571 support
 * ("Decode As" tcp.port -> rtp): the byte stream is put in a pcap as 100-byte TCP segments, so
 * tshark has to reassemble frames across segments, and must find every RTP packet (continuous
 * sequence numbers, PCMU) and the RTCP SR + SDES CNAME multiplexed on the same connection.
 */
class TcpWireFormatTsharkIT {
    @TempDir
    Path dir;

    @Test
    void tsharkDecodesOurRfc4571Stream() throws Exception {
        Path tshark = Peers.requireCommand("tshark");
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int bridgePort;
        int clientPort;
        try (DefaultMediaBridge bridge = new DefaultMediaBridge(
                Bridges.config(Duration.ofSeconds(30)).withTcpMedia(TcpMediaConfig.on(0)), System::nanoTime,
                Bridges.tuning());
             TcpRtpPeer offerer = new TcpRtpPeer(1);
             Socket s = new Socket()) {
            MediaLeg leg = bridge.openLeg(LegOptions.forCall("tshark-tcp"), new RecordingListener());
            bridgePort = TcpRtpPeer.answeredPort(leg.answer(offerer.offer("TCP/RTP/AVP", "active", 9, "")));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), bridgePort));
            clientPort = s.getLocalPort();
            s.setSoTimeout(100);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            long end = System.nanoTime() + 2_000_000_000L; // silence every 20 ms, RTCP every ~0.5 s
            while (System.nanoTime() < end) {
                try {
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    stream.write(buf, 0, n);
                } catch (SocketTimeoutException e) {
                    // keep reading until the end
                }
            }
        }
        byte[] bytes = stream.toByteArray();
        // our own count, straight from RFC 4571 section 2, to hold tshark's against
        int rtpFrames = 0;
        int off = 0;
        while (off + 2 <= bytes.length) {
            int len = ((bytes[off] & 0xFF) << 8) | (bytes[off + 1] & 0xFF);
            if (off + 2 + len > bytes.length) {
                break;
            }
            int pt = bytes[off + 3] & 0xFF;
            if (pt < 192 || pt > 223) {
                rtpFrames++;
            }
            off += 2 + len;
        }
        assertThat(rtpFrames).isGreaterThan(50);
        Path pcap = dir.resolve("tcp.pcap");
        writePcap(pcap, java.util.Arrays.copyOf(bytes, off), bridgePort, clientPort);

        Process p = new ProcessBuilder(tshark.toString(), "-n", "-r", pcap.toString(),
                "-d", "tcp.port==" + bridgePort + ",rtp",
                "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,",
                "-e", "rtp.version", "-e", "rtp.p_type", "-e", "rtp.seq", "-e", "rtcp.pt", "-e", "rtcp.sdes.text",
                "-e", "_ws.malformed")
                .redirectError(dir.resolve("tshark.err").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("tshark.err"))).isZero();
        List<Integer> seqs = new ArrayList<>();
        List<String> rtcpTypes = new ArrayList<>();
        List<String> cnames = new ArrayList<>();
        for (String line : out.lines().toList()) {
            String[] f = line.split("\t", -1);
            assertThat(f).as(line).hasSize(6);
            assertThat(f[5]).as("malformed in: " + line).isEmpty();
            for (String v : split(f[0])) {
                assertThat(v).isEqualTo("2");
            }
            for (String pt : split(f[1])) {
                assertThat(pt).isEqualTo("0");
            }
            for (String seq : split(f[2])) {
                seqs.add(Integer.parseInt(seq));
            }
            rtcpTypes.addAll(split(f[3]));
            cnames.addAll(split(f[4]));
        }
        System.out.printf("tshark: %d RTP packets (we framed %d), RTCP types %s%n", seqs.size(), rtpFrames, rtcpTypes);
        assertThat(seqs).hasSize(rtpFrames);
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo((seqs.get(i - 1) + 1) & 0xFFFF);
        }
        assertThat(rtcpTypes).contains("200", "202");
        assertThat(cnames).isNotEmpty().allSatisfy(c -> assertThat(c).startsWith("voxgate-"));
    }

    private static List<String> split(String field) {
        return field.isEmpty() ? List.of() : List.of(field.split(","));
    }

    /** A classic pcap, link type 101 (raw IPv4), the stream as 100-byte TCP segments. */
    private static void writePcap(Path file, byte[] stream, int srcPort, int dstPort) throws IOException {
        int segment = 100;
        int count = (stream.length + segment - 1) / segment;
        ByteBuffer b = ByteBuffer.allocate(24 + count * (16 + 40) + stream.length);
        b.order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(101);
        for (int i = 0; i < count; i++) {
            int from = i * segment;
            int n = Math.min(segment, stream.length - from);
            b.order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(1_800_000_000 + i / 50).putInt((i % 50) * 20_000).putInt(40 + n).putInt(40 + n);
            b.order(ByteOrder.BIG_ENDIAN);
            // IPv4 header, 127.0.0.1 -> 127.0.0.1, protocol 6 (checksum left 0: tshark does not check it by default)
            b.put((byte) 0x45).put((byte) 0).putShort((short) (40 + n)).putShort((short) i).putShort((short) 0x4000)
                    .put((byte) 64).put((byte) 6).putShort((short) 0).put(new byte[] {127, 0, 0, 1})
                    .put(new byte[] {127, 0, 0, 1});
            // TCP header: ports, sequence number = stream offset, ACK|PSH
            b.putShort((short) srcPort).putShort((short) dstPort).putInt(1000 + from).putInt(1)
                    .put((byte) 0x50).put((byte) 0x18).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
            b.put(stream, from, n);
        }
        Files.write(file, b.array());
    }
}
