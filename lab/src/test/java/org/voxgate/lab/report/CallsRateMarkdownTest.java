package org.voxgate.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CallsRateMarkdownTest {
    private static CallsRateSection.Step node(double rate, int calls, int answered, Map<String, Integer> failed, double ms) {
        return new CallsRateSection.Step("Voxgate node", "lab load", "direct number", rate, rate * 0.99, calls, answered,
                failed, 33, ms, 0.5, "2.0", "2.5");
    }

    @Test
    void rendersEveryStepWithFailuresByCauseAndTheHighestCleanRate() {
        List<CallsRateSection.Step> steps = List.of(
                node(10, 100, 100, Map.of(), 2.0),
                node(40, 400, 400, Map.of(), 1.0),
                node(60, 600, 575, Map.of("503", 20, "timeout", 5), 1.5),
                new CallsRateSection.Step("Voxgate node", "lab load", "IVR (access code)", 20, 19.8, 200, 200, Map.of(),
                        45, 3.0, 0.7, "3", "3"),
                new CallsRateSection.Step("Kamailio", "SIPp uac", "stateless 200", 10, 10, 100, 100, Map.of(), 1,
                        0.10, 0.4, "3", "3"),
                new CallsRateSection.Step("Kamailio", "SIPp uac", "stateless 200", 60, 59.9, 600, 600, Map.of(), 2,
                        0.05, 0.3, "3", "3"));
        String md = CallsRateSection.markdown("2026-11-28", "voxgate lab report --sections calls-rate", "Xeon", "rates 10,40,60",
                "1.0", "2.0", steps, null);
        assertThat(md).contains("`voxgate lab report --sections calls-rate`", "load average 1.0 at the start, 2.0 at the end");
        assertThat(md).contains("| Voxgate node | lab load | direct number | 10.0 | 9.9 | 100 | 100 | 0 | 33 ms | 2.000 | 0.50 | 2.0 / 2.5 |\n");
        assertThat(md).contains("| 600 | 575 | 20 503, 5 timeout | 33 ms | 1.500 |");
        assertThat(md).contains("| Voxgate node | lab load | IVR (access code) | 20.0 | 19.8 | 200 | 200 | 0 | 45 ms | 3.000 |");
        assertThat(md).contains("| Kamailio | SIPp uac | stateless 200 | 60.0 | 59.9 | 600 | 600 | 0 | 2.0 ms | 0.050 | 0.30 |");
        assertThat(md).contains("**Voxgate node (direct number), highest offered rate with 0 failed calls: 40 calls/s.**");
        assertThat(md).contains("**Kamailio (stateless 200), highest offered rate with 0 failed calls: 60 calls/s.**");
        // clean direct steps pooled: (100 x 2.0 + 400 x 1.0) / 500 = 1.2 ms; Kamailio (100 x 0.10 + 600 x 0.05) / 700
        // = 0.0571 ms; 21 times
        assertThat(md).contains("node 1.20 ms, Kamailio 0.057 ms (21 times");
    }

    @Test
    void withoutKamailioSaysSoAndNoStepCleanSaysThat() {
        String md = CallsRateSection.markdown("d", "c", "m", "s", "1", "1",
                List.of(node(10, 100, 90, Map.of("503", 10), 2.0)), "**Kamailio is not installed here, so the "
                        + "Kamailio reference was not measured.**");
        assertThat(md).contains("**Kamailio is not installed here")
                .contains("**Voxgate node (direct number): no step without failed calls.**")
                .doesNotContain("CPU per call over all clean steps");
    }
}
