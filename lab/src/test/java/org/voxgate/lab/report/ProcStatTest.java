package org.voxgate.lab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void readsUtimePlusStimeCountingFieldsAfterTheLastParenthesis() {
        // comm "(my (odd) prog)" has spaces and parentheses; utime 1234, stime 567, cutime 99 (not counted)
        String line = "4242 (my (odd) prog) S 1 4242 4242 0 -1 4194560 2000 0 0 0 1234 567 99 11 20 0 3 0 100 "
                + "1000000 500 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcStat.cpuTicks(line)).isEqualTo(1234 + 567);
    }

    @Test
    void refusesALineThatIsNotAStatLine() {
        assertThatThrownBy(() -> ProcStat.cpuTicks("4242 prog S 1 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.cpuTicks("4242 (prog) S 1 2 3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void schedstatGivesNanosecondsOnACpu() {
        assertThat(ProcStat.schedstatNanos("903686 257417 3\n")).isEqualTo(903_686L);
        assertThatThrownBy(() -> ProcStat.schedstatNanos("12")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ownProcessCpuGrowsWhenItSpinsAndAGoneProcessIsNaN() throws Exception {
        if (!Files.isReadable(Path.of("/proc/self/stat"))) {
            return; // not Linux: nothing to read (the parser is covered above)
        }
        long pid = ProcessHandle.current().pid();
        double before = ProcStat.cpuSeconds(pid);
        long until = System.nanoTime() + 300_000_000L;
        long x = 0;
        while (System.nanoTime() < until) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        double after = ProcStat.cpuSeconds(pid);
        assertThat(x).isNotNegative();
        assertThat(after - before).as("CPU seconds spent spinning 0.3 s").isGreaterThan(0.05).isLessThan(5);
        assertThat(ProcStat.cpuSeconds(Long.MAX_VALUE)).isNaN();
        // stat counts whole 10 ms ticks; schedstat is exact, so the two agree within a few ticks
        assertThat(ProcStat.treeCpuSeconds(ProcessHandle.current())).isCloseTo(ProcStat.cpuSeconds(pid),
                org.assertj.core.data.Offset.offset(0.5));
        assertThat(ProcStat.clockTicks()).isPositive();
    }
}
