package org.voxgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.testing.BaresipPhone;
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
            BaresipPhone talker = phone("talker", tone, module, mediaenc);
            BaresipPhone listener = phone("listener", silence, module, mediaenc);
            List<Process> phones = new ArrayList<>();
            try {
                for (BaresipPhone phone : List.of(talker, listener)) {
                    // the talker outlives the listener, however late the listener got in
                    int seconds = phone == talker ? 16 : 10;
                    // the account adds transport=tls
                    phones.add(phone.dial(baresip, "sip:demo@127.0.0.1:" + tlsPort, seconds));
                    int expected = phones.size();
                    await("joined; log " + phone.log()).atMost(Duration.ofSeconds(10))
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
                for (BaresipPhone phone : List.of(talker, listener)) {
                    System.out.println("--- " + phone.log() + "\n" + phone.logText());
                }
                throw e;
            } finally {
                phones.forEach(Process::destroyForcibly);
            }
            String log = talker.logText();
            assertThat(log).as(log).containsIgnoringCase(mediaenc.startsWith("dtls") ? "dtls" : "srtp");
            short[] heard = decoded(listener);
            double snr = bestToneSnr(heard);
            System.out.printf("baresip %s over TLS: listener hears the tone at SNR %.1f dB%n", mediaenc, snr);
            assertThat(snr).as("listener hears the tone (SNR dB); log " + listener.log())
                    .isGreaterThanOrEqualTo(30);
        }
    }

    /**
     * A phone whose account calls over TLS with encrypted media. Its own address in SDP must be
     * where its packets come from: DTLS from any other address is ignored (no ICE here), and
     * baresip would otherwise write eth0's.
     */
    private BaresipPhone phone(String name, Path source, String module, String mediaenc) throws IOException {
        return BaresipPhone.in(dir, name).source(source).tls().mediaenc(module, mediaenc).loopbackInterface().build();
    }

    private static short[] decoded(BaresipPhone phone) throws IOException {
        Wav.Audio a = phone.decoded();
        assertThat(a.rateHz()).isEqualTo(8000);
        return a.samples();
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
