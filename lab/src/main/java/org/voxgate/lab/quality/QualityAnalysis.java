package org.voxgate.lab.quality;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one path's recording into a {@link PathResult}. Timeline sample j of B's recording is
 * at wall-clock {@code origin + j * 125 us} ({@link Recording#originNanos}); program sample k
 * was sent at {@code programStart + k * 125 us}; so sample k is expected at recording index
 * {@code k + (programStart - origin) / 125 us}, and the chirp's lag from there is the one-way
 * delay.
 */
final class QualityAnalysis {
    /** Lags searched: from -20 ms (clock noise of the reference) to 500 ms. */
    private static final int MIN_LAG = -160;
    private static final int MAX_LAG = 4000;
    private static final double MIN_CORRELATION = 0.5;
    /** Skipped at the start and end of a tone window: the jitter buffer settles, impairment delays. */
    private static final int GUARD = 1200;
    private static final long NANOS_PER_SAMPLE = 125_000;

    private QualityAnalysis() {}

    /** Delay in ms of a chirp sent from {@code sentNanos}, NaN when not clearly found. */
    static double probeDelayMs(Recording rec, short[] chirp, long sentNanos) {
        DelayEstimator.Estimate e = rec.locate(chirp, sentNanos, MIN_LAG, MAX_LAG);
        return e != null && e.clear(MIN_CORRELATION) ? e.lagSamples() / 8.0 : Double.NaN;
    }

    static PathResult analyse(String name, Recording rec, Program program, Program.Player player, long programStartNanos,
                              double bpl, long lateSlots, List<Double> settleDelayMs) {
        List<Double> delays = new ArrayList<>();
        for (int start : program.probes()) {
            delays.add(probeDelayMs(rec, program.chirp(), programStartNanos + start * NANOS_PER_SAMPLE));
        }
        List<Double> clear = delays.stream().filter(d -> !d.isNaN()).sorted().toList();
        double delayMs = clear.isEmpty() ? 0 : clear.get(clear.size() / 2);
        int delaySamples = (int) Math.round(delayMs * 8);
        List<PathResult.Level> levels = new ArrayList<>();
        for (int i = 0; i < program.tones().size(); i++) {
            Program.ToneSegment t = program.tones().get(i);
            long shift = shift(rec, programStartNanos, t.from(), t.to());
            ImpairmentGenerator g = player.generator(i);
            double loss = g.draws() == 0 ? 0 : 100.0 * g.drops() / g.draws();
            double burstR = EModel.burstRatio(g.lossTrace());
            ToneMeasure.Result tone = null;
            if (shift != Long.MIN_VALUE) {
                int from = (int) (t.from() + shift + delaySamples + GUARD);
                int to = (int) (t.to() + shift + delaySamples - GUARD);
                if (from >= 0 && to <= rec.pcm().length && to - from >= 2 * Recording.FRAME) {
                    tone = ToneMeasure.measure(rec.pcm(), from, to, Signals.TEST_TONE_HZ, rec::covered);
                }
            }
            EModel m = EModel.voip(Math.max(0, delayMs), 0, bpl, Math.min(loss, 99.9), burstR);
            levels.add(new PathResult.Level(t.impairment(), loss, burstR, tone, m.r(), m.mos()));
        }
        return new PathResult(name, settleDelayMs, delays, levels, lateSlots);
    }

    /** Recording index minus program index for program samples [from, to), or MIN_VALUE. */
    private static long shift(Recording rec, long programStartNanos, int from, int to) {
        long t0 = programStartNanos + from * NANOS_PER_SAMPLE;
        long t1 = programStartNanos + to * NANOS_PER_SAMPLE + 600_000_000L;
        long origin = rec.originNanos(t0, t1);
        if (origin == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        return Math.floorDiv(programStartNanos - origin, NANOS_PER_SAMPLE);
    }
}
