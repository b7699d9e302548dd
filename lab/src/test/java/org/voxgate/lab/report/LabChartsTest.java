package org.voxgate.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.voxgate.lab.chart.ChartRenderer;
import org.voxgate.lab.quality.Impairment;
import org.voxgate.lab.quality.PathResult;

class LabChartsTest {

    @Test
    void histogramCountsEveryClearProbeInNiceBins() {
        ChartRenderer.BarChart h = LabCharts.latencyHistogram("t", List.of(20.0, 20.5, 21.0, 24.9, Double.NaN, 30.0), 10);
        double total = 0;
        for (double v : h.values()) {
            total += v;
        }
        assertThat(total).isEqualTo(5);
        assertThat(h.labels().get(0)).isEqualTo("20");
        assertThat(h.values()[0]).isEqualTo(2); // 20.0 and 20.5 in [20, 21)
        assertThat(h.values()[h.values().length - 1]).isEqualTo(1); // 30.0
        assertThat(LabCharts.latencyHistogram("t", List.of(Double.NaN), 10).values()).containsExactly(0);
    }

    @Test
    void lossChartHasARandomAndABurstSeriesFromTheCleanPoint() {
        PathResult p = new PathResult("node", List.of(), List.of(20.0), List.of(
                new PathResult.Level(Impairment.NONE, 0, 1, null, 93, 4.4),
                new PathResult.Level(Impairment.loss(5), 5.2, 1, null, 80, 4.0),
                new PathResult.Level(Impairment.loss(1), 0.9, 1, null, 88, 4.3),
                new PathResult.Level(Impairment.burst(5, 3), 4.8, 2.8, null, 70, 3.6),
                new PathResult.Level(Impairment.jitter(30), 0, 1, null, 93, 4.4)), 0);
        ChartRenderer.LineChart c = LabCharts.lossAgainstMos(List.of(p));
        assertThat(c.series()).hasSize(2);
        assertThat(c.series().get(0).name()).isEqualTo("node, random loss");
        assertThat(c.series().get(0).x()).containsExactly(0, 0.9, 5.2); // sorted by loss, jitter left out
        assertThat(c.series().get(1).y()).containsExactly(4.4, 3.6);
    }

    @Test
    void soakChartHasLateTicksPerMinuteFromCounterDeltasAndTheLoadAverageOnTheSameMinutes() {
        List<ChartRenderer.LineChart> c = LabCharts.soak(List.of(new LabCharts.SoakPoint(0, 10, 1.0),
                new LabCharts.SoakPoint(60, 16, 2.0), new LabCharts.SoakPoint(90, 16, 3.0),
                new LabCharts.SoakPoint(120, 20, 2.0)));
        assertThat(c).hasSize(2);
        // 6 in the first minute, 0 in the next half minute, 4 in the last half minute = 8 per minute
        assertThat(c.get(0).series().get(0).x()).containsExactly(0, 1, 1, 1.5, 1.5, 2);
        assertThat(c.get(0).series().get(0).y()).containsExactly(6, 6, 0, 0, 8, 8);
        assertThat(c.get(1).series().get(0).x()).containsExactly(0, 1, 1.5, 2);
        assertThat(c.get(1).series().get(0).y()).containsExactly(1, 2, 3, 2);
        // both panels span the same minutes, from 0, so they line up when stacked
        ChartRenderer.Frame late = ChartRenderer.frame(c.get(0), 800, 280);
        ChartRenderer.Frame load = ChartRenderer.frame(c.get(1), 800, 280);
        assertThat(late.xMin()).isEqualTo(load.xMin()).isZero();
        assertThat(late.xMax()).isEqualTo(load.xMax());
        assertThat(late.yMin()).isZero();
        assertThat(LabCharts.soak(List.of(new LabCharts.SoakPoint(0, 3, 1.0))).get(0).series().get(0).x()).isEmpty();
    }
}
