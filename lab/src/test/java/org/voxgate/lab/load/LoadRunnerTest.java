package org.voxgate.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LoadRunnerTest {
    private static LoadPlan plan(boolean direct, String pin, long keysDelayMs) {
        return new LoadPlan("127.0.0.1", 5060, "127.0.0.1", 4, 2, 2, "conference", List.of("2468", "13"), direct, pin,
                1, keysDelayMs, 32_000, null);
    }

    @Test
    void theHoldStartsAfterTheLongestKeyEntry() {
        // "2468#" is the longest entry: 800 ms before the first key, then 5 keys of 200 ms
        assertThat(LoadRunner.keysPhaseNanos(plan(false, "", 800))).isEqualTo(1_800_000_000L);
        // with a PIN: "2468#" + "99#"
        assertThat(LoadRunner.keysPhaseNanos(plan(false, "99", 500))).isEqualTo(2_100_000_000L);
        // dialled straight into the meeting without a PIN: nothing to type, the hold starts at once
        assertThat(LoadRunner.keysPhaseNanos(plan(true, "", 800))).isZero();
    }

    @Test
    void aShorterProgressLineBlanksTheRestOfTheLongerOne() {
        assertThat(LoadRunner.overwrite("up 9", 12)).isEqualTo("\rup 9        ");
        assertThat(LoadRunner.overwrite("up 10 of 20", 4)).isEqualTo("\rup 10 of 20");
        assertThat(LoadRunner.overwrite("", 0)).isEqualTo("\r");
    }
}
