package org.voxgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSignalsTest {

    @Test
    void muLawKnownCodeWords() {
        // G.711 Table 2: zero encodes to 0xFF, full-scale positive to 0x80, full-scale negative to 0x00.
        assertThat(MuLaw.encode((short) 0)).isEqualTo((byte) 0xFF);
        assertThat(MuLaw.encode(Short.MAX_VALUE)).isEqualTo((byte) 0x80);
        assertThat(MuLaw.encode((short) -32768)).isEqualTo((byte) 0x00);
        assertThat(MuLaw.decode((byte) 0x80)).isEqualTo((short) 32124);
        for (int s = -32768; s <= 32767; s += 7) {
            short back = MuLaw.decode(MuLaw.encode((short) s));
            assertThat(Math.abs(back - s)).as("sample %d", s).isLessThanOrEqualTo(Math.max(16, Math.abs(s) / 16));
        }
    }

    @Test
    void snrOfCleanAndNoisyTone() {
        short[] clean = Tones.sine(1004, -10, 200, 8000);
        assertThat(Tones.snrDb(clean, 0, clean.length, 1004, 8000)).isGreaterThan(60);
        short[] viaMuLaw = new short[clean.length];
        for (int i = 0; i < clean.length; i++) {
            viaMuLaw[i] = MuLaw.decode(MuLaw.encode(clean[i]));
        }
        // G.711 quantisation gives roughly 35-38 dB SNR for a -10 dBFS tone.
        assertThat(Tones.snrDb(viaMuLaw, 0, clean.length, 1004, 8000)).isBetween(30.0, 45.0);
    }

    @Test
    void pcapOfTelephoneEventsDecodesInTshark(@TempDir Path dir) throws Exception {
        Path tshark = Peers.requireCommand("tshark");
        List<RtpStream.Packet> packets = new RtpStream(0x1234, 65534, 1000, 101)
                .silence(40).event('7', 100).silence(20).packets();
        Path file = dir.resolve("events.pcap");
        Pcap.writeUdp(file, packets, 40000, 40002);
        Process p = new ProcessBuilder(tshark.toString(), "-r", file.toString(), "-d", "udp.port==40002,rtp",
                "-o", "rtpevent.event_payload_type_value:101",
                "-T", "fields", "-e", "rtp.seq", "-e", "rtpevent.event_id", "-e", "rtpevent.end_of_event")
                .redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(packets.size());
        assertThat(lines.get(0)).startsWith("65534\t\t");
        assertThat(lines.get(2)).startsWith("0\t7\t0"); // sequence wrapped, event 7 started
        assertThat(lines.stream().filter(l -> l.endsWith("\t7\t1"))).hasSize(3); // three end packets
    }
}
