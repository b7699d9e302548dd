package org.voxgate.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static final String TEXT = """
            # HELP voxgate_calls_ended_total calls ended, by cause
            # TYPE voxgate_calls_ended_total counter
            voxgate_calls_ended_total{cause="CALLER_HANGUP"} 3.0
            voxgate_calls_ended_total{cause="REJECTED"} 2.0
            voxgate_calls_ended_total_extra 99
            voxgate_calls_active 4.0
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.5E7
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 5000000.0
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 1000.0
            odd{a="x\\"y",b="z"} 7
            """;

    @Test
    void sumsMatchingSamplesOnly() {
        assertThat(PrometheusText.sum(TEXT, "voxgate_calls_ended_total")).isEqualTo(5.0);
        assertThat(PrometheusText.sum(TEXT, "voxgate_calls_ended_total", Map.of("cause", "REJECTED"))).isEqualTo(2.0);
        assertThat(PrometheusText.sum(TEXT, "voxgate_calls_active")).isEqualTo(4.0);
        assertThat(PrometheusText.sum(TEXT, "jvm_memory_used_bytes", Map.of("area", "heap"))).isEqualTo(2.0E7);
        assertThat(PrometheusText.sum(TEXT, "odd", Map.of("a", "x\"y"))).isEqualTo(7.0);
    }

    @Test
    void absentIsNaN() {
        assertThat(PrometheusText.sum(TEXT, "voxgate_calls")).isNaN();
        assertThat(PrometheusText.sum(TEXT, "voxgate_calls_ended_total", Map.of("cause", "NOPE"))).isNaN();
    }
}
