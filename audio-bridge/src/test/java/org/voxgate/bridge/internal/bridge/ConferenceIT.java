package org.voxgate.bridge.internal.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
            assertThat(conf.lateTicks()).isLessThan(25);
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
