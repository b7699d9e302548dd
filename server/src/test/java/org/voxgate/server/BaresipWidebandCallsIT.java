package org.voxgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.bridge.api.LegStats;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.internal.codec.OpusSupport;
import org.voxgate.bridge.internal.leg.DefaultMediaLeg;
import org.voxgate.testing.BaresipPhone;
import org.voxgate.testing.LossyCallRelay;
import org.voxgate.testing.Peers;
import org.voxgate.testing.Tones;
import org.voxgate.testing.Wav;

/**
 * Three baresip phones, speaking Opus, G.722 and PCMU, dial the demo meeting's direct number
 * through the real server: SIP through the gateway, media through the bridge, codecs chosen by
 * {@code rtp.codecs}. They take turns with a 1004 Hz tone, then the Opus phone plays 6007 Hz,
 * then 1004 Hz again while a relay drops 5 % of its RTP (seeded). Checks: 1004 Hz crosses
 * every pair at SNR >= 25 dB and not back to its talker; the G.722 phone hears 6007 Hz; the PCMU
 * phone hears neither 6007 Hz nor its 1993 Hz alias (at least 40 dB down); the lossy Opus stream
 * reaches the G.722 phone without gaps. A second test enters the IVR's access code from an
 * Opus phone by RFC 4733 events.
 */
class BaresipWidebandCallsIT {
    private static final double AMPLITUDE = 5800; // about -15 dBFS
    private static final double TONE_HZ = 1004; // not a divisor of 8000
    private static final double WIDE_HZ = 6007;
    private static final double LOSS = 0.05;
    private static final long LOSS_SEED = 20_261_128L;
    private static final int CALL_SECONDS = 19;

    /** A tone a phone plays from {@code fromS} to {@code toS} seconds into its call. */
    private record Slot(String what, double hz, double fromS, double toS) {}

    // One talker at a time; the first seconds hold the joins and their chimes.
    private static final Slot OPUS_TALKS = new Slot("opus talks", TONE_HZ, 4, 6);
    private static final Slot G722_TALKS = new Slot("g722 talks", TONE_HZ, 6, 8);
    private static final Slot PCMU_TALKS = new Slot("pcmu talks", TONE_HZ, 8, 10);
    private static final Slot OPUS_WIDE = new Slot("opus 6 kHz", WIDE_HZ, 10, 12);
    private static final Slot OPUS_LOSSY = new Slot("opus under 5% loss", TONE_HZ, 12, 18);

    @TempDir
    Path dir;

    private record Heard(String name, short[] samples, int rateHz) {
        /** The part inside a slot, 0.7 s after its start (joins are staggered, jitter buffers) and 0.3 s before its end. */
        Heard slice(Slot slot) {
            int from = (int) ((slot.fromS() + 0.7) * rateHz);
            int to = Math.min(samples.length, (int) ((slot.toS() - 0.3) * rateHz));
            if (to - from < rateHz / 2) {
                throw new AssertionError(name + ": recording too short for " + slot.what());
            }
            return new Heard(name, Arrays.copyOfRange(samples, from, to), rateHz);
        }
    }

    @Test
    void opusG722AndPcmuCallersHearEachOtherAtTheirBandwidth() throws Exception {
        Path baresip = Peers.requireCommand("baresip");
        requireOpus();
        try (ServerFixture fx = ServerFixture.start(dir.resolve("data"), Map.of()); // default rtp.codecs: OPUS, G722, PCMU, PCMA
             LossyCallRelay relay = new LossyCallRelay(new InetSocketAddress(InetAddress.getLoopbackAddress(), fx.sipPort),
                     LOSS, LOSS_SEED, (long) (OPUS_LOSSY.fromS() * 48_000))) {
            BaresipPhone opus = BaresipPhone.in(dir, "opus").codec(BaresipPhone.OPUS)
                    .source(source("opus", 48_000, OPUS_TALKS, OPUS_WIDE, OPUS_LOSSY))
                    // FEC in what it sends (our answer asks for it) with libopus sized for 10 % loss
                    .config("opus_inbandfec yes").config("opus_packet_loss 10").build();
            BaresipPhone g722 = BaresipPhone.in(dir, "g722").codec(BaresipPhone.G722)
                    .source(source("g722", 16_000, G722_TALKS)).build();
            BaresipPhone pcmu = BaresipPhone.in(dir, "pcmu").codec(BaresipPhone.PCMU)
                    .source(source("pcmu", 8000, PCMU_TALKS)).build();
            List<Process> running = new ArrayList<>();
            LegStats opusLeg = null;
            try {
                running.add(opus.dial(baresip, "sip:demo@" + relay.sipTarget(), CALL_SECONDS));
                running.add(g722.dial(baresip, "sip:demo@" + fx.sipTarget(), CALL_SECONDS));
                running.add(pcmu.dial(baresip, "sip:demo@" + fx.sipTarget(), CALL_SECONDS));
                await("three callers in the meeting").atMost(Duration.ofSeconds(10))
                        .until(() -> fx.demoParticipants() == 3);
                List<String> codecs = new ArrayList<>();
                for (MediaLeg leg : fx.server.bridge().findConference("demo").orElseThrow().participants()) {
                    codecs.add(leg.stats().codec());
                }
                assertThat(codecs).as("codecs chosen by rtp.codecs").containsExactlyInAnyOrder("OPUS", "G722", "PCMU");
                // read the Opus leg's repair counters near the end of the lossy slot, before hang-up
                Thread.sleep((long) ((OPUS_LOSSY.toS() - 0.5) * 1000) - 1000);
                for (MediaLeg leg : fx.server.bridge().findConference("demo").orElseThrow().participants()) {
                    if ("OPUS".equals(leg.stats().codec())) {
                        opusLeg = leg.stats();
                    }
                }
                for (Process p : running) {
                    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
            } catch (AssertionError | RuntimeException e) {
                for (BaresipPhone p : List.of(opus, g722, pcmu)) {
                    System.out.println("--- " + p.log() + "\n" + p.logText());
                }
                throw e;
            } finally {
                running.forEach(Process::destroyForcibly);
            }

            Heard hOpus = heard(opus);
            Heard hG722 = heard(g722);
            Heard hPcmu = heard(pcmu);
            assertThat(List.of(hOpus.rateHz(), hG722.rateHz(), hPcmu.rateHz())).containsExactly(48_000, 16_000, 8000);
            for (Slot slot : List.of(OPUS_TALKS, G722_TALKS, PCMU_TALKS, OPUS_WIDE)) {
                for (Heard h : List.of(hOpus, hG722, hPcmu)) {
                    double hz = slot.hz() < h.rateHz() / 2.0 ? slot.hz() : h.rateHz() - slot.hz();
                    System.out.printf("gateway wideband: %s, at the %s phone (%d Hz): %.0f Hz level %.1f dB, "
                            + "SNR %.1f dB%n", slot.what(), h.name(), h.rateHz(), hz, levelDb(h.slice(slot), hz),
                            snrDb(h.slice(slot), hz));
                }
            }
            assertCrosses(OPUS_TALKS, hOpus, hG722, hPcmu);
            assertCrosses(G722_TALKS, hG722, hOpus, hPcmu);
            assertCrosses(PCMU_TALKS, hPcmu, hOpus, hG722);
            // 6007 Hz: the G.722 phone hears it (G.722 codes 4-8 kHz with 2 bits: ~26 dB at best)
            assertThat(snrDb(hG722.slice(OPUS_WIDE), WIDE_HZ)).as("6007 Hz at the G.722 phone, SNR").isGreaterThanOrEqualTo(15);
            assertThat(levelDb(hG722.slice(OPUS_WIDE), WIDE_HZ)).isBetween(-3.0, 3.0);
            // ... the PCMU phone can have neither it nor its alias at 8000 - 6007 = 1993 Hz
            assertThat(levelDb(hPcmu.slice(OPUS_WIDE), 8000 - WIDE_HZ)).as("1993 Hz alias at the PCMU phone")
                    .isLessThanOrEqualTo(-40);
            assertThat(rmsDb(hPcmu.slice(OPUS_WIDE))).as("anything at the PCMU phone during 6007 Hz")
                    .isLessThanOrEqualTo(-40);

            // 5 % loss on the Opus phone's RTP: the G.722 phone hears the tone without gaps.
            Heard lossy = hG722.slice(OPUS_LOSSY);
            int frame = lossy.rateHz() / 50;
            int frames = lossy.samples().length / frame;
            int gaps = 0;
            int dips = 0;
            List<Double> snrs = new ArrayList<>();
            for (int f = 0; f < frames; f++) {
                short[] x = Arrays.copyOfRange(lossy.samples(), f * frame, (f + 1) * frame);
                double level = Tones.toneLevelDbfs(x, 0, x.length, TONE_HZ, lossy.rateHz()) - sentDbfs();
                if (level < -20) {
                    gaps++;
                } else if (level < -3) {
                    dips++;
                }
                snrs.add(Tones.snrDb(x, 0, x.length, TONE_HZ, lossy.rateHz()));
            }
            snrs.sort(null);
            double median = snrs.get(snrs.size() / 2);
            double p10 = snrs.get(snrs.size() / 10);
            System.out.printf("gateway wideband: 5%% loss on the Opus caller: relay dropped %d of %d packets after the loss began (%d in all); Opus leg "
                            + "rebuilt %d by FEC, concealed %d; G.722 phone: median 20 ms SNR %.1f dB, 10th percentile "
                            + "%.1f dB, %d gaps (< -20 dB), %d dips (< -3 dB) in %d frames%n", relay.dropped(),
                    relay.exposed(), relay.dropped() + relay.forwarded(), opusLeg == null ? -1 : opusLeg.fecRecovered(),
                    opusLeg == null ? -1 : opusLeg.concealed(), median, p10, gaps, dips, frames);
            assertThat(relay.dropped()).as("the relay dropped 1 in 20 in the lossy slot").isGreaterThanOrEqualTo(14);
            assertThat(opusLeg).isNotNull();
            assertThat(opusLeg.fecRecovered()).as("losses rebuilt from baresip's in-band FEC").isPositive();
            assertThat(gaps).as("20 ms frames without the tone").isZero();
            assertThat(median).isGreaterThanOrEqualTo(20);
            assertThat(p10).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void anOpusCallerEntersTheAccessCodeByRfc4733() throws Exception {
        Path baresip = Peers.requireCommand("baresip");
        requireOpus();
        try (ServerFixture fx = ServerFixture.start(dir.resolve("data"), Map.of("VOXGATE_RTP_CODECS", "OPUS,PCMU"))) {
            Path silence = dir.resolve("silence.wav");
            Wav.write(silence, 48_000, new short[48_000 * 14]);
            BaresipPhone phone = BaresipPhone.in(dir, "opus-ivr").codec(BaresipPhone.OPUS).source(silence).control().build();
            Process call = phone.dial(baresip, "sip:conference@" + fx.sipTarget(), 12);
            try {
                await("IVR call up; log " + phone.log()).atMost(Duration.ofSeconds(10))
                        .until(() -> fx.server.bridge() instanceof org.voxgate.bridge.BridgeStatistics s
                                && s.snapshot().openLegs() >= 1);
                Thread.sleep(2500); // the greeting plays; digits may come at any time
                assertThat(phone.command("sndcode", ServerFixture.ACCESS_CODE + "#")).contains("\"ok\":true");
                await("joined by RFC 4733 digits; log " + phone.log()).atMost(Duration.ofSeconds(10))
                        .until(() -> fx.demoParticipants() == 1);
                MediaLeg leg = fx.server.bridge().findConference("demo").orElseThrow().participants().get(0);
                assertThat(leg.stats().codec()).isEqualTo("OPUS");
                assertThat(((DefaultMediaLeg) leg).sawTelephoneEvents()).as("digits came as RFC 4733 events").isTrue();
                System.out.println("Opus IVR call: joined the meeting by RFC 4733 digits");
                assertThat(call.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } catch (AssertionError | RuntimeException e) {
                System.out.println("--- " + phone.log() + "\n" + phone.logText());
                throw e;
            } finally {
                call.destroyForcibly();
            }
        }
    }

    private static void requireOpus() {
        if (Peers.underCi()) {
            assertThat(OpusSupport.problem()).isNull();
        }
        assumeTrue(OpusSupport.available(), () -> "libopus: " + OpusSupport.problem());
    }

    private static void assertCrosses(Slot slot, Heard talker, Heard... listeners) {
        for (Heard l : listeners) {
            assertThat(snrDb(l.slice(slot), slot.hz())).as(talker.name() + " -> " + l.name() + ", SNR dB")
                    .isGreaterThanOrEqualTo(25);
            assertThat(levelDb(l.slice(slot), slot.hz())).as(talker.name() + " -> " + l.name() + ", level dB")
                    .isBetween(-3.0, 3.0);
        }
        assertThat(levelDb(talker.slice(slot), slot.hz())).as(talker.name() + " hears itself").isLessThanOrEqualTo(-40);
    }

    /** A WAV at {@code rateHz}, 1 s longer than the call, silent but for the slots' tones. */
    private Path source(String name, int rateHz, Slot... slots) throws IOException {
        short[] x = new short[rateHz * (CALL_SECONDS + 1)];
        for (Slot slot : slots) {
            for (int i = (int) (slot.fromS() * rateHz); i < slot.toS() * rateHz; i++) {
                x[i] = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * slot.hz() * i / rateHz));
            }
        }
        Path wav = dir.resolve(name + "-source.wav");
        Wav.write(wav, rateHz, x);
        return wav;
    }

    private static Heard heard(BaresipPhone phone) throws IOException {
        Wav.Audio a = phone.decoded();
        return new Heard(phone.name(), a.samples(), a.rateHz());
    }

    private static double sentDbfs() {
        return 20 * Math.log10(AMPLITUDE / Math.sqrt(2) / 32767);
    }

    /**
     * Median over 200 ms windows: the phones' clocks and ours drift, so jitter buffers now and
     * then stretch or drop a packet, a phase jump no single fit over seconds survives.
     */
    private static double median(Heard h, ToDoubleFunction<short[]> perWindow) {
        int w = h.rateHz() / 5;
        List<Double> v = new ArrayList<>();
        for (int from = 0; from + w <= h.samples().length; from += w) {
            v.add(perWindow.applyAsDouble(Arrays.copyOfRange(h.samples(), from, from + w)));
        }
        v.sort(null);
        return v.get(v.size() / 2);
    }

    /** Level of a tone relative to the sent one, dB. */
    private static double levelDb(Heard h, double hz) {
        return median(h, x -> Tones.toneLevelDbfs(x, 0, x.length, hz, h.rateHz()) - sentDbfs());
    }

    private static double snrDb(Heard h, double hz) {
        return median(h, x -> Tones.snrDb(x, 0, x.length, hz, h.rateHz()));
    }

    private static double rmsDb(Heard h) {
        return Tones.rmsDbfs(h.samples(), 0, h.samples().length) - sentDbfs();
    }
}
