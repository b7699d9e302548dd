package org.voxgate.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeMetricsTextTest {

    @Test
    void sumsEverySeriesOfTheExactNameAndSkipsCommentsAndLongerNames() {
        String text = "# HELP process_cpu_time_ns_total The CPU time\n# TYPE process_cpu_time_ns_total counter\n"
                + "process_cpu_time_ns_total 1.5E10\n"
                + "voxgate_mixer_late_ticks_total{mixer=\"0\"} 3.0\n"
                + "voxgate_mixer_late_ticks_total{mixer=\"1\"} 4.0\n"
                + "voxgate_calls_active_max 99.0\n"
                + "voxgate_calls_active 12.0\n";
        assertThat(NodeMetricsText.value(text, "process_cpu_time_ns_total")).isEqualTo(1.5e10);
        assertThat(NodeMetricsText.value(text, "voxgate_mixer_late_ticks_total")).isEqualTo(7.0);
        assertThat(NodeMetricsText.value(text, "voxgate_calls_active")).isEqualTo(12.0);
        assertThat(NodeMetricsText.value(text, "voxgate_nothing")).isNaN();
    }
}
