package org.voxgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.testing.FreePorts;
import org.voxgate.testing.Pcap;
import org.voxgate.testing.Peers;
import org.voxgate.testing.RtpStream;
import org.voxgate.testing.Sipp;

/**
 * What the server puts on the wire during a real call, read back by tshark's dissectors: SIP
 * and SDP decode without a malformed packet, the answer carries the negotiated media, and the
 * RTP we send is well-formed PCMU. Captures on the loopback interface (needs root, as CI is).
 */
class WireTsharkIT {

    @TempDir
    Path dir;

    @Test
    void sipSdpAndRtpWeSendDecodeCleanly() throws Exception {
        Path tshark = Peers.requireCommand("tshark");
        try (ServerFixture fx = ServerFixture.start(dir.resolve("data"), Map.of())) {
            int sipp = FreePorts.udpAndTcp();
            int media = FreePorts.udpRange(4);
            Path capture = dir.resolve("call.pcapng");
            Process dumper = new ProcessBuilder(tshark.toString(), "-i", "lo", "-f",
                    "udp port " + fx.sipPort + " or udp port " + sipp + " or udp port " + media, "-w", capture.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("tshark.log").toFile()).start();
            try {
                awaitCapturing(dir.resolve("tshark.log"), dumper);
                RtpStream rtp = new RtpStream(0x77, 1, 0, 101).silence(300);
                for (char d : (ServerFixture.ACCESS_CODE + "#").toCharArray()) {
                    rtp.event(d, 100).silence(100);
                }
                rtp.silence(2000);
                Path pcap = dir.resolve("caller.pcap");
                Pcap.writeUdp(pcap, rtp.packets(), 6000, 6000);
                String xml = new String(getClass().getResourceAsStream("/sipp/dialin.xml").readAllBytes(),
                        StandardCharsets.UTF_8).replace("@PCAP@", pcap.toString()).replace("@HOLD_MS@", "3500");
                Path work = Files.createDirectories(dir.resolve("sipp"));
                Files.writeString(work.resolve("dialin.xml"), xml);
                Sipp.Result r = Sipp.scenario(work.resolve("dialin.xml"), fx.sipTarget(), work).service("conference")
                        .localPort(sipp).mediaPort(media).timeout(Duration.ofSeconds(30)).run();
                assertThat(r.ok()).as(r.describe()).isTrue();
                Thread.sleep(300);
            } finally {
                dumper.destroy(); // SIGTERM: tshark finishes the file
                dumper.waitFor(10, TimeUnit.SECONDS);
            }

            List<String> sip = fields(tshark, capture, "sip", "udp.srcport", "sip.Method", "sip.Status-Code", "sdp.media");
            List<String> fromUs = sip.stream().filter(l -> l.startsWith(fx.sipPort + "\t")).toList();
            System.out.println("tshark: SIP we sent (srcport, method, status, sdp media):\n" + String.join("\n", fromUs));
            assertThat(fromUs).as("SIP we sent, as tshark reads it:\n" + String.join("\n", sip))
                    .anyMatch(l -> l.contains("\t100\t"))
                    .anyMatch(l -> l.matches(".*\t200\taudio \\d+ RTP/AVP 0 101"))
                    .anyMatch(l -> l.endsWith("\t200\t") || l.matches(".*\t200$"));
            assertThat(fields(tshark, capture, "_ws.malformed || _ws.expert.severity >= 8388608", "frame.number"))
                    .as("malformed or error-level packets").isEmpty();

            List<String> rtp = fields(tshark, capture, "rtp && udp.dstport == " + media, "rtp.version", "rtp.p_type",
                    "rtp.ssrc");
            System.out.println("tshark: RTP packets we sent to the caller: " + rtp.size());
            assertThat(rtp).as("RTP we sent to the caller").hasSizeGreaterThan(50);
            assertThat(rtp).allMatch(l -> l.startsWith("2\t0\t"));
            assertThat(rtp.stream().map(l -> l.split("\t")[2]).distinct()).as("one SSRC").hasSize(1);
        }
    }

    private static void awaitCapturing(Path log, Process dumper) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("Capturing on")) {
                Thread.sleep(300);
                return;
            }
            if (!dumper.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        String out = Files.exists(log) ? Files.readString(log) : "";
        throw new AssertionError("tshark did not start capturing on lo (needs root or capture rights):\n" + out);
    }

    private static List<String> fields(Path tshark, Path capture, String filter, String... fields)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(tshark.toString(), "-r", capture.toString(),
                "-o", "rtp.heuristic_rtp:TRUE", "-Y", filter, "-T", "fields"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
