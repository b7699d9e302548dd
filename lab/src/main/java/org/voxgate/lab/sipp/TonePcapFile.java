package org.voxgate.lab.sipp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.voxgate.lab.g711.MuLawCodec;

/**
 * A libpcap file of PCMU RTP carrying a 1 kHz tone (about -12 dBFS), 20 ms packets, for SIPp's
 * {@code play_pcap_audio}, which replays the UDP payloads with their capture timing.
 *
 * <pre>
 *   global header (24 bytes, little endian): a1b2c3d4, v2.4, tz 0, sigfigs 0, snaplen 65535, DLT 1 (Ethernet)
 *   per packet: record header (16, LE) | Ethernet (14) | IPv4 (20, checksum) | UDP (8, no checksum) | RTP (12) | 160 PCMU
 * </pre>
 */
public final class TonePcapFile {
    private static final int SAMPLES = 160;
    private static final int PACKET = 16 + 14 + 20 + 8 + 12 + SAMPLES;

    private TonePcapFile() {}

    /** Writes {@code seconds} of tone (50 packets a second). */
    public static void write(Path file, int seconds) throws IOException {
        if (seconds < 1) {
            throw new IllegalArgumentException("seconds >= 1");
        }
        byte[] tone = new byte[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            tone[i] = MuLawCodec.encode((short) Math.round(8000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0)));
        }
        int packets = seconds * 50;
        ByteBuffer b = ByteBuffer.allocate(24 + packets * PACKET);
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(65535).putInt(1);
        long baseMicros = 1_700_000_000L * 1_000_000L;
        int udpLen = 8 + 12 + SAMPLES;
        int ipLen = 20 + udpLen;
        for (int n = 0; n < packets; n++) {
            long t = baseMicros + n * 20_000L;
            b.order(ByteOrder.LITTLE_ENDIAN).putInt((int) (t / 1_000_000)).putInt((int) (t % 1_000_000))
                    .putInt(14 + ipLen).putInt(14 + ipLen);
            b.order(ByteOrder.BIG_ENDIAN).put(new byte[] {0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
            int ip = b.position();
            b.put((byte) 0x45).put((byte) 0).putShort((short) ipLen).putShort((short) 0).putShort((short) 0)
                    .put((byte) 64).put((byte) 17).putShort((short) 0).put(new byte[] {127, 0, 0, 1})
                    .put(new byte[] {127, 0, 0, 1});
            b.putShort(ip + 10, ipChecksum(b, ip));
            b.putShort((short) 6000).putShort((short) 6000).putShort((short) udpLen).putShort((short) 0);
            b.put((byte) 0x80).put((byte) 0).putShort((short) (n + 1)).putInt(n * SAMPLES).putInt(0x70AE);
            b.put(tone);
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
