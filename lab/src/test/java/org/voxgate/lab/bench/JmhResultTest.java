package org.voxgate.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Reads JSON files written by real JMH 1.37 runs (src/test/resources/jmh): {@code
 * JitterBufferBenchmark -f 1 -wi 0 -i 3 -r 100ms -prof gc} and {@code SrtpBenchmark.protect -p
 * profile=AEAD_AES_128_GCM -p payload=160 -f 1 -wi 0 -i 1 -r 100ms -prof gc}.
 */
class JmhResultTest {

    static String sample(String name) throws IOException {
        try (InputStream in = JmhResultTest.class.getResourceAsStream("/jmh/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsScoreErrorUnitParamsAndAllocationPerRow() throws IOException {
        List<JmhResult> rs = JmhResult.parse(sample("jitter-buffer-wi0-i3.json"));
        assertThat(rs).hasSize(2);
        JmhResult first = rs.get(0);
        assertThat(first.benchmark()).isEqualTo("org.voxgate.lab.jitter.JitterBufferBenchmark.insertAndPoll");
        assertThat(first.method()).isEqualTo("insertAndPoll");
        assertThat(first.simpleClassName()).isEqualTo("JitterBufferBenchmark");
        assertThat(first.mode()).isEqualTo("avgt");
        assertThat(first.unit()).isEqualTo("ns/op");
        assertThat(first.params()).containsExactly(java.util.Map.entry("jitterMs", "0"));
        assertThat(first.score()).isCloseTo(27.627793368863177, within(1e-9));
        assertThat(first.scoreError()).isCloseTo(153.13645924845937, within(1e-9));
        // gc.alloc.rate.norm, not gc.alloc.rate (MB/s) or gc.count
        assertThat(first.allocBytesPerOp()).isCloseTo(0.0470684251525195, within(1e-12));
        assertThat(rs.get(1).param("jitterMs")).isEqualTo("40");
        assertThat(rs.get(1).scoreError()).isCloseTo(45.040870477135456, within(1e-9));
    }

    @Test
    void aSingleIterationHasNanErrorAndParamsKeepJmhOrder() throws IOException {
        List<JmhResult> rs = JmhResult.parse(sample("srtp-protect-wi0-i1.json"));
        assertThat(rs).hasSize(1);
        JmhResult r = rs.get(0);
        assertThat(r.method()).isEqualTo("protect");
        assertThat(r.mode()).isEqualTo("thrpt");
        assertThat(r.unit()).isEqualTo("ops/s");
        assertThat(r.scoreError()).isNaN();
        assertThat(r.params().keySet()).containsExactly("payload", "profile");
        assertThat(r.param("profile")).isEqualTo("AEAD_AES_128_GCM");
        assertThat(r.param("nope")).isNull();
        assertThat(r.allocBytesPerOp()).isCloseTo(729.6723024900092, within(1e-9));
    }

    @Test
    void withoutTheGcProfilerAllocationIsNan() throws IOException {
        String json = "[{\"benchmark\":\"a.B.c\",\"mode\":\"avgt\",\"primaryMetric\":"
                + "{\"score\":1.5,\"scoreError\":0.25,\"scoreUnit\":\"ns/op\"}}]";
        JmhResult r = JmhResult.parse(json).get(0);
        assertThat(r.allocBytesPerOp()).isNaN();
        assertThat(r.params()).isEmpty();
        assertThat(r.scoreError()).isEqualTo(0.25);
    }

    @Test
    void refusesWhatIsNotAJmhResult() {
        assertThatThrownBy(() -> JmhResult.parse("{\"a\":1}")).isInstanceOf(IOException.class)
                .hasMessageContaining("not an array");
        assertThatThrownBy(() -> JmhResult.parse("[{\"benchmark\":\"a.B.c\",\"mode\":\"avgt\"}]"))
                .isInstanceOf(IOException.class).hasMessageContaining("primaryMetric");
        assertThatThrownBy(() -> JmhResult.parse("[{")).isInstanceOf(IOException.class);
    }
}
