package org.voxgate.lab.quality;

import java.util.List;

/**
 * The measurements of one quality run.
 *
 * @param node      through the node (caller A to caller B in one meeting)
 * @param reference the direct RTP loop without the node, or null
 * @param dtmf      DTMF trials per level and key mode
 * @param failure   why the run could not measure (calls failed, B never heard A), or null
 */
public record QualityResult(QualityPlan plan, PathResult node, PathResult reference, List<DtmfLevel> dtmf,
                            String failure, double seconds) {

    /** DTMF trial outcome: callers of a mode that got into the meeting, out of those placed. */
    public record DtmfLevel(Impairment impairment, QualityLeg.KeyMode mode, int joined, int placed) {
        public double rate() {
            return placed == 0 ? Double.NaN : (double) joined / placed;
        }
    }

    public QualityResult {
        dtmf = List.copyOf(dtmf);
    }

    /** One-way latency the node adds: node delay minus reference delay (NaN without both). */
    public double addedLatencyMs() {
        if (node == null || reference == null) {
            return Double.NaN;
        }
        return node.delayMedianMs() - reference.delayMedianMs();
    }
}
