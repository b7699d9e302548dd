package org.voxgate.lab.quality;

import java.util.List;

/**
 * What one path (through the node, or the direct reference loop) measured.
 *
 * @param name         "node" or "reference (direct RTP)"
 * @param settleDelayMs delay of the chirps sent every 500 ms after joining, until it stopped changing
 * @param probeDelayMs delay of each chirp probe found (NaN when no clear peak)
 * @param levels       per impairment level, the first without impairment
 * @param lateSlots    sender slots made more than 10 ms late (the generator was behind)
 */
public record PathResult(String name, List<Double> settleDelayMs, List<Double> probeDelayMs, List<Level> levels, long lateSlots) {

    /**
     * One impairment level.
     *
     * @param lossPercent what the impairment actually dropped of A's packets in the segment
     * @param burstRatio  G.107 BurstR of that loss
     * @param tone        the received tone's SNR, THD, gaps
     * @param r           E-model R from the measured delay and the applied loss
     * @param mos         MOS from R
     */
    public record Level(Impairment impairment, double lossPercent, double burstRatio, ToneMeasure.Result tone,
                        double r, double mos) {}

    public PathResult {
        settleDelayMs = List.copyOf(settleDelayMs);
        probeDelayMs = List.copyOf(probeDelayMs);
        levels = List.copyOf(levels);
    }

    /** Median of the probes with a clear peak, NaN when none. */
    public double delayMedianMs() {
        double[] d = probeDelayMs.stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).sorted().toArray();
        if (d.length == 0) {
            return Double.NaN;
        }
        return d.length % 2 == 1 ? d[d.length / 2] : (d[d.length / 2 - 1] + d[d.length / 2]) / 2;
    }

    public long clearProbes() {
        return probeDelayMs.stream().filter(v -> !v.isNaN()).count();
    }
}
