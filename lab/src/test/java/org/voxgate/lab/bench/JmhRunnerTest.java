package org.voxgate.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JmhRunnerTest {

    @Test
    void argumentsAndShellCommandCarryEverySetting() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("profile", "AEAD_AES_128_GCM");
        params.put("payload", "160,1000");
        JmhRunner.Spec s = new JmhRunner.Spec(List.of("org.voxgate.lab.srtp.SrtpBenchmark\\."), params, 3, "2s", 5,
                "2s", List.of("--add-opens=x"), true, 0);
        assertThat(s.jmhArguments()).containsExactly("org.voxgate.lab.srtp.SrtpBenchmark\\.", "-p",
                "profile=AEAD_AES_128_GCM", "-p", "payload=160,1000", "-f", "1", "-wi", "3", "-w", "2s", "-i", "5",
                "-r", "2s", "-prof", "gc");
        assertThat(s.shellCommand()).isEqualTo("taskset -c 0 java -jar lab/target/benchmarks.jar "
                + "'org.voxgate.lab.srtp.SrtpBenchmark\\.' -p profile=AEAD_AES_128_GCM -p payload=160,1000 "
                + "-f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc");
        JmhRunner.Spec noGc = new JmhRunner.Spec(List.of("X"), Map.of(), 0, "1s", 1, "1s", List.of(), false, null);
        assertThat(noGc.jmhArguments()).doesNotContain("-prof");
        assertThat(noGc.shellCommand()).startsWith("java -jar");
    }

    @Test
    void refusesNoRegexOrNoIteration() {
        assertThatThrownBy(() -> new JmhRunner.Spec(List.of(), Map.of(), 0, "1s", 1, "1s", List.of(), true, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JmhRunner.Spec(List.of("X"), Map.of(), 0, "1s", 0, "1s", List.of(), true, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
