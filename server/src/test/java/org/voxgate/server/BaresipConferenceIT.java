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
 * Three baresip softphones in one meeting: one plays a 1004 Hz tone, the other two record what
 * they hear. The tone must reach both listeners cleanly (SNR >= 30 dB) and the talker must
 * not hear itself (its own tone at least 40 dB down: mix-minus).
 */
class BaresipConferenceIT {

    private static final double TONE_HZ = 1004; // not a divisor of 8000: quantisation noise stays noise
    private static final double TONE_DBFS = -12;

    @TempDir
    Path dir;

    @Test
    void toneReachesListenersAndNotItsTalker() throws Exception {
        Path baresip = Peers.requireCommand("baresip");
        try (ServerFixture fx = ServerFixture.start(dir.resolve("data"), Map.of())) {
            Path tone = dir.resolve("tone.wav");
            Path silence = dir.resolve("silence.wav");
            Wav.write(tone, 8000, Tones.sine(TONE_HZ, TONE_DBFS, 14_000, 8000));
            Wav.write(silence, 8000, new short[14_000 * 8]);

            List<Process> running = new ArrayList<>();
            List<BaresipPhone> phones = new ArrayList<>();
            String[] names = {"talker", "listener1", "listener2"};
            try {
                for (int i = 0; i < names.length; i++) {
                    BaresipPhone phone = BaresipPhone.in(dir, names[i]).source(i == 0 ? tone : silence).build();
                    phones.add(phone);
                    running.add(phone.dial(baresip, "sip:demo@" + fx.sipTarget(), 11));
                    final int expected = i + 1;
                    await().atMost(Duration.ofSeconds(10)).until(() -> fx.demoParticipants() == expected);
                }
                for (Process p : running) {
                    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
            } finally {
                running.forEach(Process::destroyForcibly);
            }

            short[] heardByTalker = decoded(phones.get(0));
            double sentPowerDb = 20 * Math.log10(32767 * Math.pow(10, TONE_DBFS / 20) / Math.sqrt(2) / 32767);
            for (int i = 1; i < 3; i++) {
                short[] heard = decoded(phones.get(i));
                double snr = bestToneSnr(heard);
                System.out.printf("baresip conference: %s hears the tone at SNR %.1f dB%n", names[i], snr);
                assertThat(snr).as(names[i] + " hears the tone (SNR dB); log: " + phones.get(i).log()).isGreaterThanOrEqualTo(30);
            }
            double selfDb = toneLevelDb(heardByTalker);
            System.out.printf("baresip conference: talker hears its own tone %.1f dB below what it sends%n",
                    sentPowerDb - selfDb);
            assertThat(selfDb - sentPowerDb).as("talker hears its own tone this many dB below what it sends")
                    .isLessThanOrEqualTo(-40);
        }
    }

    @Test
    void holdAndResumeKeepTheCallAndItsAudio() throws Exception {
        Path baresip = Peers.requireCommand("baresip");
        try (ServerFixture fx = ServerFixture.start(dir.resolve("data"), Map.of())) {
            Path tone = dir.resolve("tone.wav");
            Path silence = dir.resolve("silence.wav");
            Wav.write(tone, 8000, Tones.sine(TONE_HZ, TONE_DBFS, 16_000, 8000));
            Wav.write(silence, 8000, new short[16_000 * 8]);
            BaresipPhone talker = BaresipPhone.in(dir, "holder").source(tone).control().build();
            BaresipPhone listener = BaresipPhone.in(dir, "listener").source(silence).build();
            List<Process> phones = new ArrayList<>();
            try {
                phones.add(talker.dial(baresip, "sip:demo@" + fx.sipTarget(), 12));
                await().atMost(Duration.ofSeconds(10)).until(() -> fx.demoParticipants() == 1);
                phones.add(listener.dial(baresip, "sip:demo@" + fx.sipTarget(), 11));
                await().atMost(Duration.ofSeconds(10)).until(() -> fx.demoParticipants() == 2);
                Thread.sleep(1500);
                MediaLeg holderLeg = fx.server.bridge().findConference("demo").orElseThrow().participants().get(0);
                assertThat(talker.command("hold", "")).contains("\"ok\":true");
                Thread.sleep(700);
                long sentAtHold = holderLeg.stats().packetsSent();
                Thread.sleep(1300);
                assertThat(holderLeg.stats().packetsSent()).as("nothing is sent to a caller who put us on hold (sendonly)")
                        .isEqualTo(sentAtHold);
                assertThat(fx.demoParticipants()).as("held caller stays in the meeting").isEqualTo(2);
                assertThat(talker.command("resume", "")).contains("\"ok\":true");
                Thread.sleep(700);
                long sentAtResume = holderLeg.stats().packetsSent();
                Thread.sleep(1000);
                assertThat(holderLeg.stats().packetsSent() - sentAtResume).as("media flows to the caller again")
                        .isGreaterThan(40);
                for (Process p : phones) {
                    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
            } finally {
                phones.forEach(Process::destroyForcibly);
            }
            short[] heard = decoded(listener);
            // After the resume (about 5 s into the listener's call) the tone is back: the best 1 s
            // window from 5.5 s on (a loaded machine starts the phones late; a fixed window missed).
            double snr = Double.NEGATIVE_INFINITY;
            for (int from = 5 * 8000 + 4000; from + 8000 <= heard.length - 4000; from += 2000) {
                snr = Math.max(snr, Tones.snrDb(heard, from, from + 8000, TONE_HZ, 8000));
            }
            System.out.printf("baresip hold/resume: listener hears the tone after resume at SNR %.1f dB%n", snr);
            assertThat(snr).isGreaterThanOrEqualTo(30);
        }
    }

    /** What the phone decoded from us, at 8 kHz (PCMU). */
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

    /** Level of the tone in the second half (after the prompts), dBFS RMS. */
    private static double toneLevelDb(short[] x) {
        return Tones.toneLevelDbfs(x, x.length / 2, x.length - 4000, TONE_HZ, 8000);
    }
}
