package org.voxgate.bridge.internal.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voxgate.bridge.api.Conference;
import org.voxgate.bridge.api.ConferenceOptions;
import org.voxgate.bridge.api.DtmfEvent;
import org.voxgate.bridge.api.LegListener;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.ParticipantRole;
import org.voxgate.bridge.api.Prompt;
import org.voxgate.bridge.api.Tone;
import org.voxgate.bridge.internal.codec.G711;
import org.voxgate.bridge.internal.leg.DefaultMediaLeg;

/** Three legs on real loopback sockets, one conference: A talks, B and C hear it, A does not. */
class ConferenceIT {

    private static final LegListener QUIET = new LegListener() {
        @Override
        public void onDtmf(MediaLeg leg, DtmfEvent event) {}

        @Override
        public void onMediaTimeout(MediaLeg leg) {}
    };

    @ParameterizedTest(name = "mix at {0} Hz")
    @ValueSource(ints = {8000, 16000, 48000})
    void toneFromOneLegReachesTheOthersAndNotItself(int mixRateHz) throws Exception {
        try (DefaultMediaBridge bridge = new DefaultMediaBridge(Bridges.config(Duration.ofSeconds(30)),
                System::nanoTime, Bridges.tuning());
             RtpPeer a = new RtpPeer(0xA);
             RtpPeer b = new RtpPeer(0xB);
             RtpPeer c = new RtpPeer(0xC)) {
            List<InetSocketAddress> bridgePorts = new ArrayList<>();
            List<MediaLeg> legs = new ArrayList<>();
            for (RtpPeer p : List.of(a, b, c)) {
                MediaLeg leg = bridge.openLeg(LegOptions.forCall("call-" + p.port()), QUIET);
                String answer = leg.answer(p.offer(""));
                assertThat(answer).contains("a=rtpmap:0 PCMU/8000").contains("a=sendrecv");
                bridgePorts.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), RtpPeer.answeredPort(answer)));
                legs.add(leg);
            }
            Conference conf = bridge.conference("room-1", new ConferenceOptions(mixRateHz, 20, 3));
            for (MediaLeg leg : legs) {
                leg.join(conf, ParticipantRole.PARTICIPANT);
            }
            assertThat(conf.size()).isEqualTo(3);

            double amplitude = 10_000;
            a.startTone(bridgePorts.get(0), 1000, amplitude);
            Thread.sleep(600); // let talker selection and jitter buffers settle
            b.clearReceived();
            c.clearReceived();
            a.clearReceived();
            await().atMost(Duration.ofSeconds(5)).until(() -> b.receivedCount() >= 50 && c.receivedCount() >= 50
                    && a.receivedCount() >= 50);
            a.stopSending();

            double signalPower = amplitude * amplitude / 2;
            for (RtpPeer listener : List.of(b, c)) {
                double snr = medianFrameSnrDb(listener.receivedPayloads(), 1000);
                System.out.printf("peer %x: median SNR %.1f dB over %d frames%n", listener.ssrc, snr,
                        listener.receivedCount());
                assertThat(snr).as("SNR at peer %s", listener.ssrc).isGreaterThanOrEqualTo(30);
            }
            double heardByA = meanPower(a.receivedPayloads());
            double attenuationDb = heardByA == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signalPower / heardByA);
            System.out.printf("A hears itself %.1f dB down; late ticks %d%n", attenuationDb, conf.lateTicks());
            assertThat(attenuationDb).as("A hears itself attenuated by").isGreaterThanOrEqualTo(40);
            assertThat(conf.lateTicks()).as("late ticks (a loaded machine may cause some)").isLessThan(100);
        }
    }

    @Test
    void promptReplacesTheMixForItsListenerOnlyThenTheMixReturns() throws Exception {
        RecordingListener bListener = new RecordingListener();
        try (DefaultMediaBridge bridge = new DefaultMediaBridge(Bridges.config(Duration.ofSeconds(30)),
                System::nanoTime, Bridges.tuning());
             RtpPeer a = new RtpPeer(0xA);
             RtpPeer b = new RtpPeer(0xB);
             RtpPeer c = new RtpPeer(0xC)) {
            MediaLeg legA = bridge.openLeg(LegOptions.forCall("a"), QUIET);
            MediaLeg legB = bridge.openLeg(LegOptions.forCall("b"), bListener);
            MediaLeg legC = bridge.openLeg(LegOptions.forCall("c"), QUIET);
            InetSocketAddress toA = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    RtpPeer.answeredPort(legA.answer(a.offer(""))));
            legB.answer(b.offer(""));
            legC.answer(c.offer(""));
            Conference conf = bridge.conference("room-2", ConferenceOptions.defaults());
            for (MediaLeg leg : List.of(legA, legB, legC)) {
                leg.join(conf, ParticipantRole.PARTICIPANT);
            }
            a.startTone(toA, 1000, 10_000);
            Thread.sleep(400);
            legB.play(List.of(Prompt.JOINING));
            Thread.sleep(200);
            b.clearReceived();
            c.clearReceived();
            Thread.sleep(600);
            double bDuringPrompt = medianFrameSnrDb(b.receivedPayloads(), 1000);
            double cDuringPrompt = medianFrameSnrDb(c.receivedPayloads(), 1000);
            System.out.printf("during B's prompt: B %.1f dB, C %.1f dB against the tone%n", bDuringPrompt, cDuringPrompt);
            assertThat(bDuringPrompt).as("B hears the prompt, not the tone").isLessThan(10);
            assertThat(meanPower(b.receivedPayloads())).isGreaterThan(100.0 * 100.0);
            assertThat(cDuringPrompt).as("C still hears A").isGreaterThanOrEqualTo(30);
            await().atMost(Duration.ofSeconds(5)).until(() -> bListener.playbackFinished.size() == 1);
            assertThat(bListener.playbackFinished).containsExactly(true);
            Thread.sleep(100);
            b.clearReceived();
            await().atMost(Duration.ofSeconds(2)).until(() -> b.receivedCount() >= 25);
            assertThat(medianFrameSnrDb(b.receivedPayloads(), 1000)).as("B hears A again").isGreaterThanOrEqualTo(30);

            // a tone to all: C's audio changes from the pure 1 kHz tone for a moment
            c.clearReceived();
            conf.playTone(Tone.ENTRY);
            Thread.sleep(300);
            List<byte[]> heard = c.receivedPayloads();
            double worst = heard.stream().mapToDouble(p -> {
                double[] x = new double[p.length];
                for (int i = 0; i < p.length; i++) {
                    x[i] = G711.PCMU.decode(p[i]);
                }
                return sineSnrDb(x, 1000);
            }).min().orElseThrow();
            assertThat(worst).as("the entry tone reached C").isLessThan(10);
            a.stopSending();
            legB.leave();
            assertThat(conf.participants()).containsExactlyInAnyOrder(legA, legC);
            conf.close();
            assertThat(legA.conference()).isNull();
        }
    }

    @Test
    void anOnlyParticipantPromptStopsWhenASecondLegJoinsAndTheNewcomerIsHeard() throws Exception {
        RecordingListener aListener = new RecordingListener();
        RecordingListener cListener = new RecordingListener();
        try (DefaultMediaBridge bridge = new DefaultMediaBridge(Bridges.config(Duration.ofSeconds(30)),
                System::nanoTime, Bridges.tuning());
             RtpPeer a = new RtpPeer(0xA);
             RtpPeer b = new RtpPeer(0xB);
             RtpPeer c = new RtpPeer(0xC)) {
            MediaLeg legA = bridge.openLeg(LegOptions.forCall("a"), aListener);
            MediaLeg legB = bridge.openLeg(LegOptions.forCall("b"), QUIET);
            MediaLeg legC = bridge.openLeg(LegOptions.forCall("c"), cListener);
            legA.answer(a.offer(""));
            InetSocketAddress toB = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    RtpPeer.answeredPort(legB.answer(b.offer(""))));
            legC.answer(c.offer(""));
            Conference conf = bridge.conference("room-alone", ConferenceOptions.defaults());
            legA.join(conf, ParticipantRole.PARTICIPANT);
            legA.playWhileAlone(List.of(Prompt.JOINING, Prompt.ONLY_PARTICIPANT)); // 4 s of speech
            b.startTone(toB, 1000, 10_000);
            Thread.sleep(2_000); // into ONLY_PARTICIPANT
            assertThat(aListener.playbackFinished).as("still alone: the prompt plays").isEmpty();
            a.clearReceived();
            long joined = System.nanoTime();
            legB.join(conf, ParticipantRole.PARTICIPANT);
            await().atMost(Duration.ofSeconds(1)).until(() -> aListener.playbackFinished.size() == 1);
            assertThat(aListener.playbackFinished).as("cut, not completed").containsExactly(false);
            long heardMs = firstToneFrameMs(a, 1000, joined, Duration.ofSeconds(3));
            System.out.printf("A heard B's tone %d ms after B joined%n", heardMs);
            assertThat(heardMs).as("B's tone reaches A after B's join, in ms").isBetween(0L, 1_000L);

            // a leg that starts an only-participant prompt in a meeting that is not empty hears none of it
            legC.join(conf, ParticipantRole.PARTICIPANT);
            legC.playWhileAlone(List.of(Prompt.ONLY_PARTICIPANT));
            await().atMost(Duration.ofSeconds(1)).until(() -> cListener.playbackFinished.size() == 1);
            assertThat(cListener.playbackFinished).containsExactly(false);
            b.stopSending();
        }
    }

    /** Polls {@code peer}'s received frames until one holds the tone; ms from {@code sinceNanos}, or -1. */
    private static long firstToneFrameMs(RtpPeer peer, double hz, long sinceNanos, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            List<byte[]> got = peer.receivedPayloads();
            for (int i = seen; i < got.size(); i++) {
                byte[] p = got.get(i);
                double[] x = new double[p.length];
                for (int k = 0; k < p.length; k++) {
                    x[k] = G711.PCMU.decode(p[k]);
                }
                if (sineSnrDb(x, hz) >= 30) {
                    return (System.nanoTime() - sinceNanos) / 1_000_000;
                }
            }
            seen = got.size();
            Thread.sleep(5);
        }
        return -1;
    }

    @Test
    void aLegOnHoldIsNotMixedSoNoMusicOnHoldReachesTheMeeting() throws Exception {
        try (DefaultMediaBridge bridge = new DefaultMediaBridge(Bridges.config(Duration.ofSeconds(30)),
                System::nanoTime, Bridges.tuning());
             RtpPeer a = new RtpPeer(0xA);
             RtpPeer b = new RtpPeer(0xB)) {
            MediaLeg legA = bridge.openLeg(LegOptions.forCall("a"), QUIET);
            MediaLeg legB = bridge.openLeg(LegOptions.forCall("b"), QUIET);
            InetSocketAddress toA = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    RtpPeer.answeredPort(legA.answer(a.offer(""))));
            legB.answer(b.offer(""));
            Conference conf = bridge.conference("room-3", ConferenceOptions.defaults());
            legA.join(conf, ParticipantRole.PARTICIPANT);
            legB.join(conf, ParticipantRole.PARTICIPANT);
            a.startTone(toA, 1000, 10_000);
            Thread.sleep(400);
            b.clearReceived();
            await().atMost(Duration.ofSeconds(2)).until(() -> b.receivedCount() >= 10);
            assertThat(medianFrameSnrDb(b.receivedPayloads(), 1000)).isGreaterThanOrEqualTo(30);

            legA.answer(a.offer("").replace("a=sendrecv", "a=sendonly")); // A holds; its "music" keeps coming
            Thread.sleep(300);
            b.clearReceived();
            await().atMost(Duration.ofSeconds(2)).until(() -> b.receivedCount() >= 10);
            assertThat(meanPower(b.receivedPayloads())).as("B hears nothing of the held leg").isZero();
        }
    }

    @Test
    void toneSurvivesALossyJitteryLink() throws Exception {
        long seed = System.nanoTime();
        System.out.println("lossy link seed " + seed);
        Random random = new Random(seed);
        ScheduledExecutorService link = Executors.newScheduledThreadPool(2);
        try (DefaultMediaBridge bridge = new DefaultMediaBridge(Bridges.config(Duration.ofSeconds(30)),
                System::nanoTime, Bridges.tuning());
             RtpPeer a = new RtpPeer(0xA);
             RtpPeer b = new RtpPeer(0xB)) {
            DefaultMediaLeg legA = (DefaultMediaLeg) bridge.openLeg(LegOptions.forCall("a"), QUIET);
            MediaLeg legB = bridge.openLeg(LegOptions.forCall("b"), QUIET);
            InetSocketAddress toA = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    RtpPeer.answeredPort(legA.answer(a.offer(""))));
            legB.answer(b.offer(""));
            Conference conf = bridge.conference("lossy", ConferenceOptions.defaults());
            legA.join(conf, ParticipantRole.PARTICIPANT);
            legB.join(conf, ParticipantRole.PARTICIPANT);
            // 3 s of tone through a link that drops 6 packets, duplicates 2, and delays each by a
            // random 0-60 ms (so packets also arrive out of order)
            long start = System.nanoTime();
            for (int i = 0; i < 150; i++) {
                byte[] packet = a.nextTonePacket(1000, 10_000);
                long due = start + i * 20_000_000L;
                if (i % 25 == 24) {
                    continue;
                }
                int copies = i % 60 == 59 ? 2 : 1;
                for (int c = 0; c < copies; c++) {
                    // the first packets go straight through: RFC 3550 A.1 takes the first arrival as base
                    long at = due + (i < 5 ? 0 : random.nextInt(60) * 1_000_000L) - System.nanoTime();
                    link.schedule(() -> a.sendBytes(toA, packet), Math.max(0, at), TimeUnit.NANOSECONDS);
                }
                if (i == 50) {
                    b.clearReceived();
                }
                long sleep = due + 20_000_000L - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            Thread.sleep(200);
            double snr = medianFrameSnrDb(b.receivedPayloads(), 1000);
            System.out.printf("lossy link: B median SNR %.1f dB, A stats %s, duplicates dropped %d%n", snr,
                    legA.stats(), legA.drops(org.voxgate.bridge.internal.rtp.DropReason.DUPLICATE));
            assertThat(snr).isGreaterThanOrEqualTo(30);
            // sequence numbers 0..148 expected (149 is dropped), 5 of them dropped, 2 duplicated
            assertThat(legA.stats().packetsLost()).as("RFC 3550 A.3: expected - received, duplicates count").isEqualTo(3);
            assertThat(legA.drops(org.voxgate.bridge.internal.rtp.DropReason.DUPLICATE)
                    + legA.drops(org.voxgate.bridge.internal.rtp.DropReason.LATE)).isGreaterThanOrEqualTo(2);
            assertThat(legA.stats().jitterMs()).isGreaterThan(5);
        } finally {
            link.shutdownNow();
        }
    }

    /** Median over 20 ms frames of the SNR against the best-fitting sine of {@code hz}. */
    static double medianFrameSnrDb(List<byte[]> payloads, double hz) {
        List<Double> snrs = new ArrayList<>();
        for (byte[] p : payloads) {
            double[] x = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                x[i] = G711.PCMU.decode(p[i]);
            }
            snrs.add(sineSnrDb(x, hz));
        }
        double[] sorted = snrs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        assertThat(sorted).isNotEmpty();
        return sorted[sorted.length / 2];
    }

    static double sineSnrDb(double[] x, double hz) {
        double sc = 0;
        double ss = 0;
        double cc = 0;
        double sx = 0;
        double cx = 0;
        for (int i = 0; i < x.length; i++) {
            double s = Math.sin(2 * Math.PI * hz * i / 8000.0);
            double c = Math.cos(2 * Math.PI * hz * i / 8000.0);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            sx += s * x[i];
            cx += c * x[i];
        }
        // least squares for x ~ p*s + q*c
        double det = ss * cc - sc * sc;
        double p = (sx * cc - cx * sc) / det;
        double q = (cx * ss - sx * sc) / det;
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < x.length; i++) {
            double fit = p * Math.sin(2 * Math.PI * hz * i / 8000.0) + q * Math.cos(2 * Math.PI * hz * i / 8000.0);
            signal += fit * fit;
            noise += (x[i] - fit) * (x[i] - fit);
        }
        return noise == 0 ? 200 : 10 * Math.log10(signal / noise);
    }

    static double meanPower(List<byte[]> payloads) {
        double sum = 0;
        long n = 0;
        for (byte[] p : payloads) {
            for (byte b : p) {
                double v = G711.PCMU.decode(b);
                sum += v * v;
                n++;
            }
        }
        assertThat(n).isPositive();
        return sum / n;
    }

    static String hex(byte[] b) {
        return Arrays.toString(b);
    }
}
