package org.voxgate.lab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SoakSectionTest {

    private static SoakSection.Sample at(double s, double late, double cpuNs, double rssMb, double load) {
        return new SoakSection.Sample(s, 300, late, cpuNs, rssMb * 1e6, load);
    }

    @Test
    void perHourScalesTheCountToAnHourAndIsUndefinedWithoutTime() {
        assertThat(SoakSection.perHour(6, 3600)).isEqualTo(6);
        assertThat(SoakSection.perHour(6, 1800)).isEqualTo(12);
        assertThat(SoakSection.perHour(2, 30)).as("a run shorter than a minute").isEqualTo(240);
        assertThat(SoakSection.perHour(0, 45)).isZero();
        assertThat(SoakSection.perHour(3, 0)).isNaN();
    }

    @Test
    void anHourOfSamplesGivesLateTicksCoresAndRssGrowthOverTheHold() {
        List<SoakSection.Sample> s = List.of(at(0, 100, 10e9, 300, 1.0), at(1800, 103, 910e9, 310, 3.0),
                at(3600, 112, 1810e9, 320, 2.0));
        SoakSection.Summary sum = SoakSection.summarize(s);
        assertThat(sum.seconds()).isEqualTo(3600);
        assertThat(sum.lateTicks()).isEqualTo(12); // the counter's change, not its value
        assertThat(sum.latePerHour()).isEqualTo(12);
        assertThat(sum.nodeCores()).isCloseTo(0.5, within(1e-9)); // 1800 CPU-seconds over 3600 s
        assertThat(sum.rssGrowthPerHourBytes()).isCloseTo(20e6, within(1e-3));
        assertThat(sum.loadMean()).isEqualTo(2.0);
        assertThat(sum.loadMax()).isEqualTo(3.0);
    }

    @Test
    void aHoldShorterThanAMinuteIsScaledAndOneSampleHasNoRate() {
        SoakSection.Summary sum = SoakSection.summarize(List.of(at(0, 5, 0, 300, 1), at(10, 5, 2e9, 301, 1),
                at(40, 7, 8e9, 302, 1)));
        assertThat(sum.seconds()).isEqualTo(40);
        assertThat(sum.latePerHour()).isEqualTo(180); // 2 in 40 s
        assertThat(sum.nodeCores()).isCloseTo(0.2, within(1e-9));
        assertThat(sum.rssGrowthPerHourBytes()).isCloseTo(180e6, within(1e-3));
        SoakSection.Summary one = SoakSection.summarize(List.of(at(0, 5, 0, 300, 1)));
        assertThat(one.seconds()).isZero();
        assertThat(one.latePerHour()).isNaN();
        assertThat(one.nodeCores()).isNaN();
        assertThatThrownBy(() -> SoakSection.summarize(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTableNamesTheMachineCommandLoadAverageAndTheGeneratorReference() {
        ReportContext ctx = new ReportContext(false, "test VM", "2026-11-28", "voxgate lab report --sections soak",
                Path.of("."), "charts", 1, Map.of(), System.err);
        SoakSection.Summary sum = SoakSection.summarize(List.of(at(0, 0, 0, 300, 1.5), at(120, 3, 60e9, 306, 2.5)));
        SoakSection.Run run = new SoakSection.Run(300, 30, 10, 60, 300, 0, 0.00012, 2.74, 4, 180_000, true,
                "1.10 1.20 1.30", "2.10 2.20 2.30");
        String md = SoakSection.markdown(ctx, run, sum);
        assertThat(md).contains("test VM", "`voxgate lab report --sections soak`", "1.10 1.20 1.30",
                "2.10 2.20 2.30", "2.00 on average and 2.50 at most", "lab/scripts/soak.sh", "![", "(charts/soak.png)");
        assertThat(md).contains("| 300 | 30 | 120 s | 3 | **90.0** | 0.500 | 300 / 306 MB | +180.0 MB | 0.012% "
                + "| 2.7 ms | 0 of 300 | 4 of 180000 |");
        assertThat(md).contains("The hold was 2.0 minutes").doesNotContain("Not every call was up");
        SoakSection.Summary quiet = SoakSection.summarize(List.of(at(0, 0, 0, 300, 1), at(50, 0, 1e9, 300, 1)));
        assertThat(SoakSection.markdown(ctx, run, quiet)).contains("0 late ticks says none was seen");
        SoakSection.Summary busy = SoakSection.summarize(List.of(at(0, 0, 0, 300, 9), at(120, 15810, 60e9, 341, 12)));
        assertThat(SoakSection.markdown(ctx, run, busy)).contains("| 15810 | **474300** |");
    }
}
