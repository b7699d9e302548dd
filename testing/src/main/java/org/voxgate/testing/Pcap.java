package org.voxgate.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes classic libpcap files (Ethernet, IPv4, UDP) of RTP packets, for SIPp's
 * {@code play_pcap_audio}, which replays them with their timing to the peer's media port.
 */
public final class Pcap {
    private Pcap() {}

    public static void writeUdp(Path file, List<RtpStream.Packet> packets, int srcPort, int dstPort) throws IOException {
        int size = 24;
        for (RtpStream.Packet p : packets) {
            size += 16 + 14 + 20 + 8 + p.bytes().length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        long base = 1_700_000_000L * 1_000_000L;
        for (RtpStream.Packet p : packets) {
            int udpLen = 8 + p.bytes().length;
            int ipLen = 20 + udpLen;
            long t = base + p.atMicros();
            b.order(ByteOrder.LITTLE_ENDIAN);
            b.putInt((int) (t / 1_000_000)).putInt((int) (t % 1_000_000)).putInt(14 + ipLen).putInt(14 + ipLen);
            b.order(ByteOrder.BIG_ENDIAN);
            b.put(new byte[] {0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
            int ipStart = b.position();
            b.put((byte) 0x45).put((byte) 0).putShort((short) ipLen).putShort((short) 0).putShort((short) 0)
                    .put((byte) 64).put((byte) 17).putShort((short) 0)
                    .put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
            b.putShort(ipStart + 10, ipChecksum(b, ipStart));
            b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) udpLen).putShort((short) 0);
            b.put(p.bytes());
        }
        Files.write(file, b.array());
    }

    private static short ipChecksum(ByteBuffer b, int start) {
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += b.getShort(start + i) & 0xFFFF;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (short) ~sum;
    }
}
