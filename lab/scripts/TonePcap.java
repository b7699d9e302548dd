import java.nio.file.Path;

import org.voxgate.testing.Pcap;
import org.voxgate.testing.RtpStream;
import org.voxgate.testing.Tones;

/**
 * Writes a pcap of PCMU RTP carrying a 1 kHz tone at -12 dBFS, for SIPp's play_pcap_audio in
 * load-bench.sh. Run: java -cp testing/target/classes lab/scripts/TonePcap.java OUT.pcap SECONDS
 */
public class TonePcap {
    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[1]);
        RtpStream rtp = new RtpStream(0x70AE, 1, 0, 101).audio(Tones.sine(1000, -12, seconds * 1000, 8000));
        Pcap.writeUdp(Path.of(args[0]), rtp.packets(), 6000, 6000);
    }
}
