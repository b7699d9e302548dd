package org.voxgate.lab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SrtpLoadSectionTest {

    private static SrtpLoadSection.Step srtp(int calls, int answered, int failed, Map<String, Integer> causes,
                                             double loss, double holdCores) {
        return new SrtpLoadSection.Step(true, calls, answered, failed, causes, loss, 0, 2, 1.5, 40, 0.6, holdCores,
                3, 9, 1, 5000, 0.4, causes.getOrDefault("SIP 503", 0), "1.00 1.10 1.20", "2.00 1.50 1.30");
    }

    private static ReportContext ctx() {
        return new ReportContext(false, "test VM", "2026-11-28", "voxgate lab report --sections srtp-load",
                Path.of("."), ".", 1, Map.of(), System.err);
    }

    @Test
    void aStepPassesWithLossUnderATenthOfAPercentAndEveryCallAnswered() {
        assertThat(srtp(100, 100, 0, Map.of(), 0.00099, 0.5).passed()).isTrue();
        assertThat(srtp(100, 100, 0, Map.of(), 0.001, 0.5).passed()).isFalse();
        assertThat(srtp(100, 99, 1, Map.of("SIP 503", 1), 0, 0.5).passed()).isFalse();
        assertThat(srtp(100, 99, 0, Map.of(), 0, 0.5).passed()).as("one never answered").isFalse();
    }

    @Test
    void theHeadlineIsTheLargestPassedStepNotTheLast() {
        List<SrtpLoadSection.Step> steps = List.of(srtp(100, 100, 0, Map.of(), 0, 0.5),
                srtp(200, 200, 0, Map.of(), 0, 0.8), srtp(300, 280, 20, Map.of("SIP 503", 20), 0, 0.9),
                srtp(450, 450, 0, Map.of(), 0.002, 1.2));
        assertThat(SrtpLoadSection.largestPassed(steps).calls()).isEqualTo(200);
        SrtpLoadSection.Step udp = new SrtpLoadSection.Step(false, 200, 200, 0, Map.of(), 0, 0, 0, 1.0, 20, 0.3, 0.4,
                0, 1, 0, 5000, 0.2, 0, "1 1 1", "1 1 1");
        String md = SrtpLoadSection.markdown(steps, udp, ctx(), 10, 10, 20, 3.5, "0.50 0.60 0.70", "3.00 2.00 1.00", 2);
        assertThat(md).contains("test VM", "`voxgate lab report --sections srtp-load`", "0.50 0.60 0.70",
                "3.00 2.00 1.00", "Largest step with loss under 0.1 % and no failed call: 200 concurrent",
                "(next step tried: 300)", "SIP 503: 20; the node counted 20 overload refusals.", "overload guard", "RTP, SIP/UDP (reference)");
        // 200 SRTP calls at 0.8 hold cores = 4.000 ms per call-second; UDP 0.4 cores = 2.000: ratio 2.00
        assertThat(md).contains("**2.00 x** (4.000 against 2.000 ms)", "| 0.000% | 0 / 2 | 1.5 ms | 40.0 ms |",
                "| 3 / 9 | 20 | 1 of 5000 |");
        assertThat(md).contains("| 450 | 450 | 0 | 0.200% |").contains("| **no** |");
        // the steps' 1-minute load averages reached 2.00 (a step's end), not above 2 cores: no caveat
        assertThat(md).doesNotContain("not a clean cost");
        assertThat(SrtpLoadSection.markdown(steps, udp, ctx(), 10, 10, 20, 3.5, "1 1 1", "1 1 1", 1))
                .contains("reached 2.00 on 1 cores", "not a clean cost");
        assertThat(md.lines().filter(l -> l.startsWith("| SRTP") || l.startsWith("| RTP")).count()).isEqualTo(5);
    }

    @Test
    void withoutAPassedStepThereIsNoHeadlineAndNoReference() {
        String md = SrtpLoadSection.markdown(List.of(srtp(20, 20, 0, Map.of(), 0.05, 0.1)), null, ctx(), 10, 10, 6,
                1, "1 1 1", "1 1 1", 2);
        assertThat(md).contains("**No step passed**").doesNotContain("Largest step").doesNotContain("overload guard");
    }

    @Test
    void stepsAreAPositiveCommaList() {
        assertThat(SrtpLoadSection.parseSteps("100, 200,450")).containsExactly(100, 200, 450);
        assertThatThrownBy(() -> SrtpLoadSection.parseSteps("100,x")).hasMessageContaining("srtp-load.steps=100,x");
        assertThatThrownBy(() -> SrtpLoadSection.parseSteps("0")).isInstanceOf(IllegalArgumentException.class);
    }
}
