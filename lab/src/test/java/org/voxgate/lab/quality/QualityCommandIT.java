package org.voxgate.lab.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * {@code lab quality --quick} against a node in this JVM on loopback: two callers through the
 * IVR into one meeting, chirp probes, the tone under the quick impairment sweep, DTMF trials,
 * and the direct reference loop; the numbers must be plausible.
 */
class QualityCommandIT {
    @TempDir
    Path dir;

    @Test
    void quickRunMeasuresThroughTheNodeAndAgainstTheReference() throws Exception {
        Path report = dir.resolve("quality.md");
        QualityCommand command = new QualityCommand();
        int code = new CommandLine(command).execute("--quick", "--report", report.toString());
        QualityResult r = command.result;
        System.out.println(Files.readString(report)); // in the failsafe report when an assertion fails
        assertThat(r.failure()).isNull();
        assertThat(code).isZero();

        PathResult node = r.node();
        assertThat(node.settleDelayMs()).hasSizeGreaterThanOrEqualTo(4); // chirps until the delay stopped changing
        assertThat(node.clearProbes()).isEqualTo(5);
        assertThat(node.delayMedianMs()).isGreaterThan(0).isLessThan(200);
        PathResult ref = r.reference();
        assertThat(ref.clearProbes()).isEqualTo(5);
        assertThat(ref.delayMedianMs()).isBetween(-5.0, 20.0); // loopback, no node: only scheduling
        assertThat(r.addedLatencyMs()).isGreaterThan(0).isLessThan(200);

        PathResult.Level clean = node.levels().get(0);
        assertThat(clean.impairment()).isEqualTo(Impairment.NONE);
        assertThat(clean.lossPercent()).isZero();
        // frame by frame: a packet the node's jitter buffer drops to shrink its delay shifts the phase
        // after it, which the whole-window figure (tone().snrDb()) counts as noise
        assertThat(clean.tone().segmentalSnrDb()).isGreaterThan(30);
        assertThat(clean.tone().badFramePercent()).isLessThan(5);
        assertThat(clean.tone().thdPercent()).isLessThan(3);
        assertThat(clean.tone().gapPercent()).isZero();
        assertThat(clean.mos()).isGreaterThan(4.0);
        // one tandem less on the reference path: at least as clean
        assertThat(ref.levels().get(0).tone().snrDb()).isGreaterThan(33);
        assertThat(ref.levels().get(0).tone().segmentalSnrDb()).isGreaterThan(33);

        // 5 % random loss was applied and costs the reference (no concealment) gaps and MOS
        PathResult.Level refLoss = ref.levels().get(1);
        assertThat(refLoss.impairment()).isEqualTo(Impairment.loss(5));
        assertThat(refLoss.lossPercent()).isBetween(0.5, 15.0);
        assertThat(refLoss.tone().gapPercent()).isGreaterThan(0);
        assertThat(refLoss.mos()).isLessThan(ref.levels().get(0).mos());
        assertThat(node.levels().get(1).tone().segmentalSnrDb()).isLessThan(clean.tone().segmentalSnrDb());

        // every caller typing the access code without impairment got in, both ways
        for (QualityResult.DtmfLevel d : r.dtmf()) {
            if (d.impairment().equals(Impairment.NONE)) {
                assertThat(d.placed()).isEqualTo(2);
                assertThat(d.rate()).as(d.mode().name()).isEqualTo(1.0);
            }
        }
        assertThat(r.dtmf()).hasSize(4);

        String md = Files.readString(report);
        assertThat(md).contains("# Voxgate audio quality", "Added one-way latency of the node", "| none | 0.0% |",
                "| loss 5% |", "DTMF", "cores");
    }
}
