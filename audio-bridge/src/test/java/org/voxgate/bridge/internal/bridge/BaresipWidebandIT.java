package org.voxgate.bridge.internal.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.bridge.api.Conference;
import org.voxgate.bridge.api.ConferenceOptions;
import org.voxgate.bridge.api.DtmfEvent;
import org.voxgate.bridge.api.LegListener;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.ParticipantRole;
import org.voxgate.bridge.internal.codec.OpusSupport;
import org.voxgate.testing.BaresipPhone;
import org.voxgate.testing.Peers;
import org.voxgate.testing.Wav;

/**
 * Three baresip softphones, speaking Opus, G.722 and PCMU, dial into one conference (through a
 * minimal SIP responder in front of the bridge). They take turns, each with its own tone near
 * 1 kHz, then the Opus phone plays 6007 Hz. Every tone must reach the other two phones cleanly and
 * not its talker; the G.722 phone must hear 6007 Hz; the PCMU phone must hear neither 6007 Hz nor
 * its 1993 Hz alias.
 */
class BaresipWidebandIT {
    private static final LegListener QUIET = new LegListener() {
        @Override
        public void onDtmf(MediaLeg leg, DtmfEvent event) {}

        @Override
        public void onMediaTimeout(MediaLeg leg) {}
    };
    private static final double AMPLITUDE = 5800; // -15 dBFS per tone
    private static final double OPUS_HZ = 1004;
    private static final double G722_HZ = 1104;
    private static final double PCMU_HZ = 904;
    private static final double WIDE_HZ = 6007;

    @TempDir
    Path dir;

    /** A tone a phone plays from {@code fromS} to {@code toS} seconds into its call. */
    private record Slot(double hz, double fromS, double toS) {
    }

    private record Phone(String name, BaresipPhone.Codec codec, List<Slot> slots) {
        int rateHz() {
            return codec.rateHz();
        }
    }

    /** One talker at a time, so each tone is measured against codec noise, not other talkers. */
    private static final Slot OPUS_SLOT = new Slot(OPUS_HZ, 3, 5);
    private static final Slot G722_SLOT = new Slot(G722_HZ, 5, 7);
    private static final Slot PCMU_SLOT = new Slot(PCMU_HZ, 7, 9);
    private static final Slot WIDE_SLOT = new Slot(WIDE_HZ, 9, 11);

    @Test
    void opusG722AndPcmuPhonesHearEachOtherAtTheirBandwidth() throws Exception {
        Path baresip = Peers.requireCommand("baresip");
        if (Peers.underCi()) {
            assertThat(OpusSupport.problem()).isNull();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(OpusSupport.available());
        List<Phone> phones = List.of(
                new Phone("opus", BaresipPhone.OPUS, List.of(OPUS_SLOT, WIDE_SLOT)),
                new Phone("g722", BaresipPhone.G722, List.of(G722_SLOT)),
                new Phone("pcmu", BaresipPhone.PCMU, List.of(PCMU_SLOT)));
        Map<String, MediaLeg> legsByCall = new ConcurrentHashMap<>();
        try (DefaultMediaBridge bridge = new DefaultMediaBridge(Bridges.config(Duration.ofSeconds(30)),
                System::nanoTime, Bridges.tuning())) {
            Conference conf = bridge.conference("wide", ConferenceOptions.defaults());
            try (MiniSipUas uas = new MiniSipUas(req -> {
                String callId = req.substring(0, req.indexOf('\n'));
                String offer = req.substring(req.indexOf('\n') + 1);
                try {
                    MediaLeg leg = legsByCall.get(callId);
                    if (leg == null) {
                        leg = bridge.openLeg(new LegOptions(callId, List.of("OPUS", "G722", "PCMU"), false), QUIET);
                        legsByCall.put(callId, leg);
                    }
                    String answer = leg.answer(offer);
                    if (leg.conference() == null) {
                        leg.join(conf, ParticipantRole.PARTICIPANT);
                    }
                    return answer;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })) {
                List<Process> running = new ArrayList<>();
                List<BaresipPhone> homes = new ArrayList<>();
                try {
                    for (Phone p : phones) {
                        BaresipPhone phone = phone(p);
                        homes.add(phone);
                        running.add(phone.dial(baresip, "sip:wide@" + uas.target(), 13));
                    }
                    await().atMost(Duration.ofSeconds(10)).until(() -> conf.size() == 3);
                    for (MediaLeg leg : conf.participants()) {
                        System.out.printf("baresip leg %s: %s%n", leg.callId(), leg.stats().codec());
                    }
                    for (Process p : running) {
                        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    }
                } finally {
                    running.forEach(Process::destroyForcibly);
                }
                assertThat(legsByCall.values().stream().map(l -> l.stats().codec()).sorted().toList())
                        .containsExactly("G722", "OPUS", "PCMU");

                Heard opus = heard(homes.get(0));
                Heard g722 = heard(homes.get(1));
                Heard pcmu = heard(homes.get(2));
                for (Slot slot : List.of(OPUS_SLOT, G722_SLOT, PCMU_SLOT, WIDE_SLOT)) {
                    for (Heard h : List.of(opus, g722, pcmu)) {
                        double hz = slot.hz() < h.rateHz() / 2.0 ? slot.hz() : h.rateHz() - slot.hz();
                        Heard part = h.slice(slot);
                        System.out.printf("baresip: %.0f Hz at the %s phone (%d Hz): level %.1f dB, SNR %.1f dB%n",
                                slot.hz(), h.name(), h.rateHz(), levelDb(part, hz), snr(part, hz));
                    }
                }
                // 1 kHz-ish tones cross every pair; the talker does not hear itself.
                assertCrosses(OPUS_SLOT, opus, g722, pcmu);
                assertCrosses(G722_SLOT, g722, opus, pcmu);
                assertCrosses(PCMU_SLOT, pcmu, opus, g722);
                // 6007 Hz from the Opus phone: the G.722 phone hears it; at 8 kHz it cannot exist and
                // would fold to 1993 Hz: the PCMU phone hears neither, at least 40 dB down.
                assertThat(snr(g722.slice(WIDE_SLOT), WIDE_HZ)).isGreaterThanOrEqualTo(15); // 2-bit G.722 high band
                assertThat(levelDb(g722.slice(WIDE_SLOT), WIDE_HZ)).isBetween(-3.0, 3.0);
                assertThat(levelDb(pcmu.slice(WIDE_SLOT), 8000 - WIDE_HZ)).isLessThanOrEqualTo(-40);
                assertThat(rmsDb(pcmu.slice(WIDE_SLOT))).as("PCMU phone: anything at all during the 6 kHz tone")
                        .isLessThanOrEqualTo(-40);
            }
        }
    }

    private static void assertCrosses(Slot slot, Heard talker, Heard... listeners) {
        for (Heard l : listeners) {
            assertThat(snr(l.slice(slot), slot.hz())).as(talker.name() + " -> " + l.name())
                    .isGreaterThanOrEqualTo(25);
            assertThat(levelDb(l.slice(slot), slot.hz())).isBetween(-3.0, 3.0);
        }
        assertThat(levelDb(talker.slice(slot), slot.hz())).as(talker.name() + " hears itself").isLessThanOrEqualTo(-40);
    }

    private BaresipPhone phone(Phone p) throws IOException {
        short[] source = new short[p.rateHz() * 14];
        for (Slot slot : p.slots()) {
            for (int i = (int) (slot.fromS() * p.rateHz()); i < slot.toS() * p.rateHz(); i++) {
                source[i] = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * slot.hz() * i / p.rateHz()));
            }
        }
        Path wav = dir.resolve(p.name() + "-source.wav");
        Wav.write(wav, p.rateHz(), source);
        return BaresipPhone.in(dir, p.name()).codec(p.codec()).source(wav).build();
    }

    private record Heard(String name, short[] samples, int rateHz) {
        /**
         * The part of the recording inside a slot, 0.7 s after its start (the phones dial one
         * after the other, and the mix has a jitter buffer of delay) and 0.3 s before its end.
         */
        Heard slice(Slot slot) {
            int from = (int) ((slot.fromS() + 0.7) * rateHz);
            int to = Math.min(samples.length, (int) ((slot.toS() - 0.3) * rateHz));
            if (to - from < rateHz / 2) {
                throw new AssertionError(name + ": recording too short for the slot at " + slot.fromS() + " s");
            }
            return new Heard(name, java.util.Arrays.copyOfRange(samples, from, to), rateHz);
        }
    }

    /** What the phone decoded from us (sndfile's "-dec.wav"). */
    private static Heard heard(BaresipPhone phone) throws IOException {
        Wav.Audio a = phone.decoded();
        return new Heard(phone.name(), a.samples(), a.rateHz());
    }

    private static double rmsDb(Heard h) {
        double sum = 0;
        for (short v : h.samples()) {
            sum += (double) v * v;
        }
        return 20 * Math.log10(Math.max(Math.sqrt(sum / h.samples().length), 1e-9) / (AMPLITUDE / Math.sqrt(2)));
    }

    /**
     * Median over 200 ms windows (the phones' clocks and ours drift, so the jitter buffers now
     * and then stretch or drop a packet: a phase jump no single fit over seconds survives).
     */
    private static double median(Heard h, java.util.function.ToDoubleFunction<short[]> perWindow) {
        int w = h.rateHz() / 5;
        List<Double> v = new ArrayList<>();
        for (int from = 0; from + w <= h.samples().length; from += w) {
            v.add(perWindow.applyAsDouble(java.util.Arrays.copyOfRange(h.samples(), from, from + w)));
        }
        v.sort(null);
        return v.get(v.size() / 2);
    }

    /** Level of a tone relative to the sent amplitude. */
    static double levelDb(Heard h, double hz) {
        return median(h, x -> {
            double a = ToneFit.fit(x, h.rateHz(), new double[] {hz}).amplitudes()[0];
            return 20 * Math.log10(Math.max(a, 1e-9) / AMPLITUDE);
        });
    }

    /** Power of a tone over everything else in the window. */
    static double snr(Heard h, double hz) {
        return median(h, x -> {
            ToneFit.Result r = ToneFit.fit(x, h.rateHz(), new double[] {hz});
            double a = r.amplitudes()[0];
            return 10 * Math.log10((a * a / 2) / Math.max(r.residualPower(), 1e-9));
        });
    }
}
