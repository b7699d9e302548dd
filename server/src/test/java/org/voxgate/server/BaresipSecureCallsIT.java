package org.voxgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.testing.FreePorts;
import org.voxgate.testing.Peers;
import org.voxgate.testing.Tones;
import org.voxgate.testing.Wav;

/**
 * Two baresip phones call into one meeting over SIP-TLS with encrypted media: one sends a
 * 1004 Hz tone, the other records what it hears. SRTP runs on both legs, so the tone goes in
 * through one SRTP leg and out through the other; it must arrive at SNR >= 30 dB. Once with
 * SDES keys (baresip's srtp module, {@code mediaenc=srtp-mand}), once with DTLS-SRTP
 * ({@code dtls_srtp}).
 */
class BaresipSecureCallsIT {

    private static final double TONE_HZ = 1004; // not a divisor of 8000
    private static final double TONE_DBFS = -12;

    @TempDir
    Path dir;

    @Test
    void sdesSrtpOverTls() throws Exception {
        meeting("srtp.so", "srtp-mand");
    }

    @Test
    void dtlsSrtpOverTls() throws Exception {
        meeting("dtls_srtp.so", "dtls_srtp");
    }

    private void meeting(String module, String mediaenc) throws Exception {
        Path baresip = Peers.requireCommand("baresip");
        try (ServerFixture fx = ServerFixture.start(dir.resolve("data"), Map.of())) {
            int tlsPort = Integer.parseInt(fx.env.get("VOXGATE_SIP_TLS_PORT"));
            Path tone = dir.resolve("tone.wav");
            Path silence = dir.resolve("silence.wav");
            Wav.write(tone, 8000, Tones.sine(TONE_HZ, TONE_DBFS, 16_000, 8000));
            Wav.write(silence, 8000, new short[16_000 * 8]);
            Path talker = phone("talker", tone, module, mediaenc);
            Path listener = phone("listener", silence, module, mediaenc);
            List<Process> phones = new ArrayList<>();
            try {
                for (Path home : List.of(talker, listener)) {
                    // the talker outlives the listener, however late the listener got in
                    String seconds = home == talker ? "16" : "10";
                    phones.add(new ProcessBuilder(baresip.toString(), "-f", home.toString(), "-t", seconds,
                            "-e", "/dial sip:demo@127.0.0.1:" + tlsPort) // the account adds transport=tls
                            .redirectErrorStream(true).redirectOutput(home.resolve("baresip.log").toFile()).start());
                    int expected = phones.size();
                    await("joined; log " + home.resolve("baresip.log")).atMost(Duration.ofSeconds(10))
                            .until(() -> fx.demoParticipants() == expected);
                }
                Thread.sleep(1000);
                for (MediaLeg leg : fx.server.bridge().findConference("demo").orElseThrow().participants()) {
                    assertThat(leg.stats().packetsReceived()).as("SRTP accepted on " + leg.id()).isGreaterThan(20);
                }
                for (Process p : phones) {
                    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
            } catch (AssertionError | RuntimeException e) {
                phones.forEach(Process::destroyForcibly);
                for (Path home : List.of(talker, listener)) {
                    Path log = home.resolve("baresip.log");
                    if (Files.exists(log)) {
                        System.out.println("--- " + log + "\n" + Files.readString(log));
                    }
                }
                throw e;
            } finally {
                phones.forEach(Process::destroyForcibly);
            }
            String log = Files.readString(talker.resolve("baresip.log"));
            assertThat(log).as(log).containsIgnoringCase(mediaenc.startsWith("dtls") ? "dtls" : "srtp");
            short[] heard = decoded(listener);
            double snr = bestToneSnr(heard);
            System.out.printf("baresip %s over TLS: listener hears the tone at SNR %.1f dB%n", mediaenc, snr);
            assertThat(snr).as("listener hears the tone (SNR dB); log " + listener.resolve("baresip.log"))
                    .isGreaterThanOrEqualTo(30);
        }
    }

    /** A baresip home directory whose account calls over TLS with encrypted media. */
    private Path phone(String name, Path source, String module, String mediaenc) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        int sip = FreePorts.udpAndTcp();
        int rtp = FreePorts.udpRange(10);
        Files.writeString(home.resolve("config"), String.join("\n",
                "poll_method epoll",
                // Its own address in SDP must be where its packets come from: DTLS from any other
                // address is ignored (no ICE here), and baresip would otherwise write eth0's.
                "net_interface 127.0.0.1",
                "sip_listen 127.0.0.1:" + sip,
                "audio_player aubridge," + name + "-play",
                "audio_source aufile," + source,
                "audio_alert aubridge," + name + "-alert",
                "audio_srate 8000",
                "audio_channels 1",
                "rtp_ports " + rtp + "-" + (rtp + 9),
                "snd_path " + home,
                "module_path /usr/lib/baresip/modules",
                "module menu.so",
                "module g711.so",
                "module aufile.so",
                "module aubridge.so",
                "module sndfile.so",
                "module " + module, // before account.so: the account names its mediaenc
                "module account.so",
                ""));
        Files.writeString(home.resolve("accounts"), "<sip:" + name + "@127.0.0.1:" + sip
                + ";transport=tls>;regint=0;audio_codecs=PCMU;mediaenc=" + mediaenc + "\n");
        return home;
    }

    private static short[] decoded(Path home) throws IOException {
        try (var files = Files.list(home)) {
            Path dec = files.filter(f -> f.getFileName().toString().endsWith("-dec.wav")).findFirst()
                    .orElseThrow(() -> new AssertionError("no decoded audio dump in " + home));
            Wav.Audio a = Wav.read(dec);
            assertThat(a.rateHz()).isEqualTo(8000);
            return a.samples();
        }
    }

    /** Best SNR of the tone over 1 s windows in the second half of the recording (after the prompts). */
    private static double bestToneSnr(short[] x) {
        double best = Double.NEGATIVE_INFINITY;
        for (int from = x.length / 2; from + 8000 <= x.length - 4000; from += 2000) {
            best = Math.max(best, Tones.snrDb(x, from, from + 8000, TONE_HZ, 8000));
        }
        return best;
    }
}
