package org.voxgate.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs one tiny real benchmark through a child JVM (JMH then forks once more) and reads its JSON. */
class JmhRunnerIT {

    @Test
    @Timeout(90)
    void runsTheJitterBenchmarkInAChildJvmAndParsesIt() throws Exception {
        JmhRunner.Spec spec = new JmhRunner.Spec(List.of("org.voxgate.lab.jitter.JitterBufferBenchmark.insertAndPoll"),
                Map.of("jitterMs", "0"), 0, "200ms", 1, "200ms", List.of(), true, null);
        JmhRunner.Run run = JmhRunner.run(spec, 80);
        assertThat(run.results()).hasSize(1);
        JmhResult r = run.results().get(0);
        assertThat(r.method()).isEqualTo("insertAndPoll");
        assertThat(r.param("jitterMs")).isEqualTo("0");
        assertThat(r.unit()).isEqualTo("ns/op");
        // one insert and one poll: more than a nanosecond, far less than a millisecond
        assertThat(r.score()).isBetween(1.0, 1_000_000.0);
        assertThat(r.allocBytesPerOp()).isGreaterThanOrEqualTo(0.0);
        assertThat(run.log()).contains("# Benchmark: org.voxgate.lab.jitter.JitterBufferBenchmark.insertAndPoll");
        assertThat(run.loadStart()).isNotBlank();
        assertThat(run.loadEnd()).isNotBlank();
    }

    @Test
    @Timeout(60)
    void aRegexThatMatchesNothingIsAnErrorWithJmhsWords() {
        JmhRunner.Spec spec = new JmhRunner.Spec(List.of("org.voxgate.lab.NoSuchBenchmark"), Map.of(), 0, "100ms", 1,
                "100ms", List.of(), false, null);
        assertThatThrownBy(() -> JmhRunner.run(spec, 50)).isInstanceOf(IOException.class)
                .hasMessageContaining("No matching benchmarks");
    }
}
