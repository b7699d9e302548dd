package org.voxgate.lab.sipp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TonePcapFileTest {

    @Test
    void fiftyPcmuPacketsASecondTwentyMsApartWithValidIpHeaders(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("tone.pcap");
        TonePcapFile.write(f, 2);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f));
        int record = 16 + 14 + 20 + 8 + 12 + 160;
        assertThat(b.capacity()).isEqualTo(24 + 100 * record);
        assertThat(b.order(ByteOrder.LITTLE_ENDIAN).getInt(0)).isEqualTo(0xa1b2c3d4);
        assertThat(b.getInt(20)).as("DLT_EN10MB").isEqualTo(1);
        byte[] firstPayload = null;
        for (int n = 0; n < 100; n++) {
            int at = 24 + n * record;
            b.order(ByteOrder.LITTLE_ENDIAN);
            long micros = b.getInt(at) * 1_000_000L + b.getInt(at + 4);
            assertThat(micros % 1_000_000_000L).isEqualTo(n * 20_000L);
            b.order(ByteOrder.BIG_ENDIAN);
            int ip = at + 16 + 14;
            int sum = 0;
            for (int i = 0; i < 20; i += 2) {
                sum += b.getShort(ip + i) & 0xFFFF;
            }
            while ((sum >> 16) != 0) {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }
            assertThat(sum).as("IPv4 header checksum of packet " + n).isEqualTo(0xFFFF);
            int rtp = ip + 20 + 8;
            assertThat(b.get(rtp) & 0xFF).isEqualTo(0x80);
            assertThat(b.get(rtp + 1) & 0x7F).as("PCMU").isZero();
            assertThat(b.getShort(rtp + 2) & 0xFFFF).isEqualTo(n + 1);
            assertThat(b.getInt(rtp + 4)).isEqualTo(n * 160);
            byte[] payload = Arrays.copyOfRange(b.array(), rtp + 12, rtp + 12 + 160);
            if (firstPayload == null) {
                firstPayload = payload;
                // a tone, not mu-law silence (0xFF): most samples differ from it
                int notSilence = 0;
                for (byte x : payload) {
                    notSilence += x != (byte) 0xFF ? 1 : 0;
                }
                assertThat(notSilence).isGreaterThan(100);
            }
            assertThat(payload).isEqualTo(firstPayload);
        }
    }
}
