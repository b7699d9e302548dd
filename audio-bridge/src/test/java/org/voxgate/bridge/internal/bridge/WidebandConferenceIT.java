package org.voxgate.bridge.internal.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.voxgate.bridge.BridgeConfig;
import org.voxgate.bridge.api.Conference;
import org.voxgate.bridge.api.ConferenceOptions;
import org.voxgate.bridge.api.DtmfEvent;
import org.voxgate.bridge.api.LegListener;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.ParticipantRole;
import org.voxgate.bridge.internal.codec.AudioCodec;
import org.voxgate.bridge.internal.codec.OpusSupport;
import org.voxgate.bridge.internal.conference.DefaultConference;
import org.voxgate.bridge.internal.leg.DefaultMediaLeg;
import org.voxgate.testing.Peers;
import org.voxgate.testing.Tones;

/**
 * An Opus, a G.722 and a PCMU peer (our codecs, real loopback sockets) in one 48 kHz
 * conference: wideband content reaches the wideband listener, the narrowband listener gets a
 * band-limited mix without aliases, speech-band tones cross every pair, and Opus FEC carries a
 * lossy leg.
 */
class WidebandConferenceIT {
    private static final LegListener QUIET = new LegListener() {
        @Override
        public void onDtmf(MediaLeg leg, DtmfEvent event) {}

        @Override
        public void onMediaTimeout(MediaLeg leg) {}
    };
    private static final double AMPLITUDE = 8000; // about -12 dBFS

    private record Meeting(DefaultMediaBridge bridge, List<CodecPeer> peers, List<DefaultMediaLeg> legs,
                           DefaultConference conference) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            for (CodecPeer p : peers) {
                p.close();
            }
            bridge.close();
        }
    }

    private static Meeting meeting(AudioCodec... codecs) throws Exception {
        return meeting(20, codecs);
    }

    /**
     * @param jitterMinMs jitter buffer floor: FEC needs the packet after a loss to be buffered
     *     when the loss is played, so at least two packets (40 ms) for 20 ms Opus
     */
    private static Meeting meeting(int jitterMinMs, AudioCodec... codecs) throws Exception {
        return meeting(jitterMinMs, 48_000, codecs);
    }

    private static Meeting meeting(int jitterMinMs, int mixCapHz, AudioCodec... codecs) throws Exception {
        if (Peers.underCi()) {
            assertThat(OpusSupport.problem()).isNull();
        }
        assumeTrue(OpusSupport.available(), () -> "libopus: " + OpusSupport.problem());
        BridgeConfig base = Bridges.config(Duration.ofSeconds(30));
        BridgeConfig config = new BridgeConfig(base.bindAddress(), base.advertisedAddress(), base.rtpPortMin(),
                base.rtpPortMax(), base.mediaTimeout(), base.mixerThreads(), base.codecs(), jitterMinMs,
                Math.max(base.jitterMaxMs(), jitterMinMs));
        DefaultMediaBridge bridge = new DefaultMediaBridge(config, System::nanoTime, Bridges.tuning());
        List<CodecPeer> peers = new ArrayList<>();
        List<DefaultMediaLeg> legs = new ArrayList<>();
        Conference conf = bridge.conference("wide", new ConferenceOptions(mixCapHz, 20, 3));
        int ssrc = 0x100;
        for (AudioCodec c : codecs) {
            CodecPeer p = new CodecPeer(c, ssrc++);
            DefaultMediaLeg leg = (DefaultMediaLeg) bridge.openLeg(
                    new LegOptions("wide-" + c, List.of("OPUS", "G722", "L16", "PCMU"), false), QUIET);
            p.answer = leg.answer(p.offer());
            assertThat(leg.codec()).isEqualTo(c);
            peers.add(p);
            legs.add(leg);
            leg.join(conf, ParticipantRole.PARTICIPANT);
        }
        DefaultConference dc = (DefaultConference) conf;
        int needed = 8000;
        for (AudioCodec c : codecs) {
            needed = Math.max(needed, c.sampleRateHz());
        }
        int expectedRate = Math.min(needed, mixCapHz);
        await().atMost(Duration.ofSeconds(3)).until(() -> dc.mixRateHz() == expectedRate);
        return new Meeting(bridge, peers, legs, dc);
    }

    /** Lets {@code talker} send, waits for the mix to settle, collects ~1 s at every listener. */
    private static void talk(Meeting m, CodecPeer talker, double[] hz, double[] amplitude, double loss)
            throws Exception {
        talk(m, talker, hz, amplitude, loss, 60);
    }

    private static void talk(Meeting m, CodecPeer talker, double[] hz, double[] amplitude, double loss, int packets)
            throws Exception {
        talker.start(talker.bridge(talker.answer), hz, amplitude, loss, 42);
        Thread.sleep(1000); // talker selection, jitter buffers (a cold JVM on a busy machine needs a while)
        for (CodecPeer p : m.peers()) {
            p.rtp.clearReceived();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> m.peers().stream()
                .allMatch(p -> p.rtp.receivedCount() >= packets));
        talker.stop();
    }

    /**
     * The middle half of a recording: the first quarter may hold the jitter buffer's start, the
     * last quarter the talker's end (once it stops, the decoder conceals for a few packets).
     */
    private static short[] middle(short[] x) {
        return java.util.Arrays.copyOfRange(x, x.length / 4, x.length * 3 / 4);
    }

    /**
     * Median SNR of a tone over 200 ms windows: on a loaded machine a late mixer tick or a
     * stretched jitter buffer puts a phase jump into the recording, which no single fit over a
     * second survives; a broken path still fails every window.
     */
    private static double medianSnr(short[] x, double hz, int rateHz) {
        return medianOfWindows(x, rateHz, from -> Tones.snrDb(x, from, from + rateHz / 5, hz, rateHz));
    }

    /** Median tone amplitude over 200 ms windows (see {@link #medianSnr}). */
    private static double medianAmplitude(short[] x, double hz, int rateHz) {
        return medianOfWindows(x, rateHz, from -> CodecPeer.amplitudeAt(x, from, from + rateHz / 5, hz, rateHz));
    }

    private static double medianOfWindows(short[] x, int rateHz, java.util.function.IntToDoubleFunction perWindow) {
        int w = rateHz / 5;
        List<Double> v = new ArrayList<>();
        for (int from = 0; from + w <= x.length; from += w) {
            v.add(perWindow.applyAsDouble(from));
        }
        if (v.isEmpty()) {
            throw new AssertionError("recording shorter than 200 ms: " + x.length + " samples");
        }
        v.sort(null);
        return v.get(v.size() / 2);
    }

    private static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    @Test
    void wideContentReachesTheWidebandListenerAndNotTheNarrowbandOne() throws Exception {
        try (Meeting m = meeting(AudioCodec.OPUS, AudioCodec.G722, AudioCodec.PCMU)) {
            CodecPeer opus = m.peers().get(0);
            CodecPeer g722 = m.peers().get(1);
            CodecPeer pcmu = m.peers().get(2);
            talk(m, opus, new double[] {6007}, new double[] {AMPLITUDE}, 0);

            short[] wide = middle(g722.decodeReceived());
            double wideAmp = medianAmplitude(wide, 6007, 16_000);
            double wideSnr = medianSnr(wide, 6007, 16_000);

            short[] narrow = middle(pcmu.decodeReceived());
            int nFrom = 0;
            double tone = CodecPeer.amplitudeAt(narrow, nFrom, narrow.length, 6007 % 8000, 8000); // aliases onto itself
            double alias = CodecPeer.amplitudeAt(narrow, nFrom, narrow.length, 8000 - 6007, 8000);
            System.out.printf("6007 Hz from Opus: G.722 listener %.1f dB re sent (SNR %.1f dB); PCMU listener "
                    + "alias at 1993 Hz %.1f dB, rms %.1f dBFS%n", db(wideAmp / AMPLITUDE), wideSnr,
                    db(alias / AMPLITUDE), Tones.rmsDbfs(narrow, nFrom, narrow.length));
            assertThat(db(wideAmp / AMPLITUDE)).isGreaterThan(-3);
            assertThat(wideSnr).isGreaterThan(15); // G.722 codes 4-8 kHz with 2 bits: about 26 dB at best, Opus adds its own
            assertThat(db(alias / AMPLITUDE)).isLessThan(-40);
            assertThat(db(tone / AMPLITUDE)).isLessThan(-40);
            assertThat(opus.rtp.receivedCount()).isPositive(); // it hears the others' (silent) mix
        }
    }

    @Test
    void speechBandToneCrossesEveryPair() throws Exception {
        try (Meeting m = meeting(AudioCodec.OPUS, AudioCodec.G722, AudioCodec.PCMU)) {
            for (CodecPeer talker : m.peers()) {
                talk(m, talker, new double[] {1004}, new double[] {AMPLITUDE}, 0);
                for (CodecPeer listener : m.peers()) {
                    short[] x = middle(listener.decodeReceived());
                    int rate = listener.codec.sampleRateHz();
                    double snr = medianSnr(x, 1004, rate);
                    double level = db(medianAmplitude(x, 1004, rate) / AMPLITUDE);
                    System.out.printf("%s -> %s: 1004 Hz SNR %.1f dB, level %.1f dB%n", talker.codec,
                            listener.codec, snr, level);
                    if (listener == talker) {
                        assertThat(level).as("talker hears itself").isLessThan(-40);
                    } else {
                        assertThat(snr).as(talker.codec + " -> " + listener.codec).isGreaterThanOrEqualTo(25);
                        assertThat(level).isBetween(-2.0, 2.0);
                    }
                }
                Thread.sleep(400); // the talker's slot drains before the next one speaks
            }
        }
    }

    @Test
    void fivePercentLossOnTheOpusLegIsCarriedByFecWithoutGaps() throws Exception {
        try (Meeting m = meeting(60, AudioCodec.OPUS, AudioCodec.G722)) {
            CodecPeer opus = m.peers().get(0);
            CodecPeer g722 = m.peers().get(1);
            talk(m, opus, new double[] {1004}, new double[] {AMPLITUDE}, 0.05, 250); // 5 s
            short[] x = g722.decodeReceived();
            int frame = 320;
            int frames = x.length / frame;
            int gaps = 0;
            int dips = 0;
            List<Double> snrs = new ArrayList<>();
            for (int f = frames / 10; f < frames; f++) {
                double level = db(CodecPeer.amplitudeAt(x, f * frame, (f + 1) * frame, 1004, 16_000) / AMPLITUDE);
                if (level < -20) {
                    gaps++; // silence where the tone should be
                } else if (level < -3) {
                    dips++; // concealment that lost level
                }
                snrs.add(Tones.snrDb(x, f * frame, (f + 1) * frame, 1004, 16_000));
            }
            snrs.sort(null);
            double median = snrs.get(snrs.size() / 2);
            double p10 = snrs.get(snrs.size() / 10);
            long recovered = m.legs().get(0).fecRecovered();
            System.out.printf("5%% loss on Opus: %d of %d packets dropped, %d rebuilt by FEC; G.722 listener: "
                    + "median frame SNR %.1f dB, 10th percentile %.1f dB, %d gaps (< -20 dB), %d dips (< -3 dB) "
                    + "in %d frames%n", opus.dropped.get(), opus.dropped.get() + opus.sent.get(), recovered, median,
                    p10, gaps, dips, frames - frames / 10);
            assertThat(opus.dropped.get()).isPositive();
            assertThat(recovered).isPositive();
            assertThat(gaps).isZero();
            assertThat(dips).isLessThanOrEqualTo((int) opus.dropped.get());
            assertThat(median).isGreaterThan(25);
            assertThat(p10).isGreaterThan(15);
        }
    }

    @Test
    void aReOfferSwitchesACallerFromPcmuToG722MidCall() throws Exception {
        try (Meeting m = meeting(AudioCodec.PCMU, AudioCodec.L16);
             CodecPeer wide = new CodecPeer(AudioCodec.G722, 0x200)) {
            CodecPeer narrow = m.peers().get(0);
            CodecPeer listener = m.peers().get(1);
            DefaultMediaLeg caller = m.legs().get(0);
            // Before: PCMU (nothing above 4 kHz can come from it); 1004 Hz passes.
            talk(m, narrow, new double[] {1004}, new double[] {AMPLITUDE}, 0);
            short[] before = middle(listener.decodeReceived());
            int from = 0;
            double before1004 = Tones.snrDb(before, from, before.length, 1004, 16_000);

            // The caller's phone re-offers G.722 from another socket (re-INVITE).
            wide.answer = caller.answer(wide.offer());
            assertThat(caller.codec()).isEqualTo(AudioCodec.G722);
            assertThat(wide.answer).contains("a=rtpmap:9 G722/8000");
            wide.start(wide.bridge(wide.answer), new double[] {6007}, new double[] {AMPLITUDE}, 0, 7);
            Thread.sleep(600);
            listener.rtp.clearReceived();
            await().atMost(Duration.ofSeconds(5)).until(() -> listener.rtp.receivedCount() >= 60);
            wide.stop();
            short[] after = middle(listener.decodeReceived());
            int f2 = 0;
            double after6007 = Tones.snrDb(after, f2, after.length, 6007, 16_000);
            System.out.printf("re-offer PCMU -> G.722: before 1004 Hz SNR %.1f dB; after 6007 Hz SNR %.1f dB; "
                    + "mix at %d Hz%n", before1004, after6007, m.conference().mixRateHz());
            assertThat(before1004).isGreaterThan(25);
            assertThat(after6007).isGreaterThan(15); // the 2-bit G.722 high band: about 26 dB at best
            assertThat(m.conference().mixRateHz()).isEqualTo(16_000);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} ms packets, a=ptime {1}")
    @org.junit.jupiter.params.provider.CsvSource({"10, 10", "40, 40", "60, 60", "60, 20", "40, 20"})
    void packetsOfAnyPtimePlayCleanlyEvenWhenThePeerSendsAnotherThanItSignalled(int sendMs, int signalledMs)
            throws Exception {
        try (DefaultMediaBridge bridge = new DefaultMediaBridge(Bridges.config(Duration.ofSeconds(30)),
                System::nanoTime, Bridges.tuning());
             CodecPeer talker = new CodecPeer(AudioCodec.G722, 0x300).packetMs(sendMs, false);
             CodecPeer listener = new CodecPeer(AudioCodec.L16, 0x301)) {
            talker.packetMs(sendMs, sendMs == signalledMs);
            Conference conf = bridge.conference("ptime", ConferenceOptions.defaults());
            for (CodecPeer p : List.of(talker, listener)) {
                MediaLeg leg = bridge.openLeg(new LegOptions("ptime-" + p.codec, List.of("G722", "L16"), false),
                        QUIET);
                p.answer = leg.answer(p.offer());
                leg.join(conf, ParticipantRole.PARTICIPANT);
            }
            talker.start(talker.bridge(talker.answer), new double[] {1004}, new double[] {AMPLITUDE}, 0, 1);
            Thread.sleep(800);
            listener.rtp.clearReceived();
            await().atMost(Duration.ofSeconds(5)).until(() -> listener.rtp.receivedCount() >= 75);
            talker.stop();
            short[] x = listener.decodeReceived();
            int frame = 320;
            List<Double> snrs = new ArrayList<>();
            int gaps = 0;
            for (int f = 0; f + 1 < x.length / frame; f++) {
                snrs.add(Tones.snrDb(x, f * frame, (f + 1) * frame, 1004, 16_000));
                if (db(CodecPeer.amplitudeAt(x, f * frame, (f + 1) * frame, 1004, 16_000) / AMPLITUDE) < -20) {
                    gaps++;
                }
            }
            snrs.sort(null);
            double median = snrs.get(snrs.size() / 2);
            System.out.printf("G.722 at %d ms (a=ptime %d): median frame SNR %.1f dB, %d silent frames of %d%n",
                    sendMs, signalledMs, median, gaps, snrs.size());
            assertThat(median).isGreaterThan(30);
            assertThat(gaps).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aG722LegOutsideAConferenceSendsSixteenKilohertzTonesWithEightKilohertzTimestamps() throws Exception {
        try (DefaultMediaBridge bridge = new DefaultMediaBridge(Bridges.config(Duration.ofSeconds(30)),
                System::nanoTime, Bridges.tuning());
             CodecPeer peer = new CodecPeer(AudioCodec.G722, 0x400)) {
            MediaLeg leg = bridge.openLeg(new LegOptions("solo", List.of("G722"), false), QUIET);
            peer.answer = leg.answer(peer.offer());
            await().atMost(Duration.ofSeconds(3)).until(() -> peer.rtp.receivedCount() >= 5); // silence
            peer.rtp.clearReceived();
            leg.playTone(org.voxgate.bridge.api.Tone.BEEP);
            await().atMost(Duration.ofSeconds(3)).until(() -> peer.rtp.receivedCount() >= 25);
            List<Long> ts = peer.rtp.receivedTimestamps();
            for (int i = 1; i < ts.size(); i++) {
                assertThat((ts.get(i) - ts.get(i - 1)) & 0xFFFF_FFFFL).as("RTP clock of G.722 is 8000: 160 per 20 ms")
                        .isEqualTo(160);
            }
            for (byte[] p : peer.rtp.receivedPayloads()) {
                assertThat(p).hasSize(160); // 320 samples of 16 kHz audio in 160 octets
            }
            short[] heard = peer.decodeReceived();
            assertThat(Tones.rmsDbfs(heard, 0, heard.length)).as("the beep is there").isGreaterThan(-40);
            leg.close();
        }
    }

    @Test
    void fivePercentLossOnAG722LegIsConcealedWithoutGaps() throws Exception {
        try (Meeting m = meeting(40, AudioCodec.G722, AudioCodec.L16)) {
            CodecPeer g722 = m.peers().get(0);
            CodecPeer listener = m.peers().get(1);
            talk(m, g722, new double[] {440}, new double[] {AMPLITUDE}, 0.05, 150);
            short[] x = listener.decodeReceived();
            int frame = 320;
            int gaps = 0;
            List<Double> snrs = new ArrayList<>();
            for (int f = 0; f + 1 < x.length / frame; f++) {
                double level = db(CodecPeer.amplitudeAt(x, f * frame, (f + 1) * frame, 440, 16_000) / AMPLITUDE);
                if (level < -20) {
                    gaps++;
                }
                snrs.add(Tones.snrDb(x, f * frame, (f + 1) * frame, 440, 16_000));
            }
            snrs.sort(null);
            System.out.printf("5%% loss on G.722: %d of %d dropped; listener median frame SNR %.1f dB, 10th "
                    + "percentile %.1f dB, %d gaps%n", g722.dropped.get(), g722.dropped.get() + g722.sent.get(),
                    snrs.get(snrs.size() / 2), snrs.get(snrs.size() / 10), gaps);
            assertThat(g722.dropped.get()).isPositive();
            assertThat(gaps).isZero();
            assertThat(snrs.get(snrs.size() / 2)).isGreaterThan(25);
        }
    }

    @Test
    void theConfiguredCapLimitsTheMixRate() throws Exception {
        try (Meeting m = meeting(40, 16_000, AudioCodec.OPUS, AudioCodec.G722)) {
            assertThat(m.conference().mixRateHz()).isEqualTo(16_000);
            CodecPeer opus = m.peers().get(0);
            CodecPeer g722 = m.peers().get(1);
            talk(m, opus, new double[] {6007}, new double[] {AMPLITUDE}, 0);
            short[] x = middle(g722.decodeReceived());
            double snr = medianSnr(x, 6007, 16_000);
            System.out.printf("16 kHz cap: 6007 Hz from Opus to G.722 at SNR %.1f dB, level %.1f dB%n", snr,
                    db(medianAmplitude(x, 6007, 16_000) / AMPLITUDE));

            assertThat(snr).isGreaterThan(15); // the 2-bit G.722 high band: about 26 dB at best
        }
    }

    @Test
    void opusDtxFramesAreNotSentWhenThePeerAskedForDtx() throws Exception {
        if (Peers.underCi()) {
            assertThat(OpusSupport.problem()).isNull();
        }
        assumeTrue(OpusSupport.available(), () -> "libopus: " + OpusSupport.problem());
        try (DefaultMediaBridge bridge = new DefaultMediaBridge(Bridges.config(Duration.ofSeconds(30)),
                System::nanoTime, Bridges.tuning());
             CodecPeer dtx = new CodecPeer(AudioCodec.OPUS, 0x500);
             CodecPeer plain = new CodecPeer(AudioCodec.OPUS, 0x501)) {
            dtx.opusFmtp = "useinbandfec=1;usedtx=1";
            plain.opusFmtp = "useinbandfec=1;usedtx=0";
            for (CodecPeer p : List.of(dtx, plain)) {
                MediaLeg leg = bridge.openLeg(new LegOptions("dtx", List.of("OPUS"), false), QUIET);
                p.answer = leg.answer(p.offer()); // outside a conference: the leg sends silence
            }
            Thread.sleep(2000);
            System.out.printf("2 s of silence: %d Opus packets with usedtx=1, %d without%n", dtx.rtp.receivedCount(),
                    plain.rtp.receivedCount());
            assertThat(plain.rtp.receivedCount()).isGreaterThan(80);
            assertThat(dtx.rtp.receivedCount()).isLessThan(plain.rtp.receivedCount() / 3);
        }
    }
}
