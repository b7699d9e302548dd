package org.voxgate.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LoadMeetingsMarkdownTest {
    private static final LoadMeetingsSection.Row ROW_100 = new LoadMeetingsSection.Row("lab load, 10 meetings x 10", 100,
            new LoadWindow(0.155, 0.069, 164, "8.1", "8.3"),
            new LoadMeetingsSection.Whole(100, 100, 10, 79, 473, 0, 3.6, 4.8, 80, 80));
    private static final LoadMeetingsSection.Row ROW_300 = new LoadMeetingsSection.Row("lab load, 30 meetings x 10", 300,
            new LoadWindow(0.369, 0.126, 20, "5.8", "6.0"),
            new LoadMeetingsSection.Whole(299, 300, 6.7, 15, 22, 0.012, 3.9, 8.6, 239, 240));

    @Test
    void rendersTheWindowTheWholeRunAndTheRatioOfTheReference() {
        String md = LoadMeetingsSection.markdown("2026-11-28", "voxgate lab report --sections load-meetings",
                "Xeon, 2 cores", "calls 100,300", "3.0", "4.0", List.of(ROW_100, ROW_300), List.of(
                        new LoadMeetingsSection.Reference("SIPp", 100, 100, new LoadWindow(0.2, 0.1, 5, "1", "2"),
                                4, 12, 28),
                        new LoadMeetingsSection.Reference("lab load", 100, 100, new LoadWindow(0.1, 0.06, 3, "2", "3"),
                                5, 9.6, 21)), null);
        assertThat(md).contains("`voxgate lab report --sections load-meetings`", "Xeon, 2 cores",
                "load average 3.0 at the start, 4.0 at the end", "Settings: calls 100,300.");
        assertThat(md).contains("| lab load, 10 meetings x 10 | 100 | 0.155 | 1.55 | 0.069 | 164 | 8.1 / 8.3 |\n");
        assertThat(md).contains("| lab load, 30 meetings x 10 | 300 | 0.369 | 1.23 | 0.126 | 20 | 5.8 / 6.0 |\n");
        assertThat(md).contains("| lab load, 10 meetings x 10 | 100/100 | 10 ms | 79 ms | 473 ms | 0.000% | 3.6 ms "
                + "| 4.8 ms | 80/80 legs |\n");
        assertThat(md).contains("| lab load, 30 meetings x 10 | 299/300 | 6.7 ms | 15 ms | 22 ms | 0.012% | 3.9 ms "
                + "| 8.6 ms | 239/240 legs |\n");
        assertThat(md).contains("the same 100 calls from SIPp and from `lab load`");
        assertThat(md).contains("| SIPp | 100/100 | 0.200 | 0.100 | 4.0 ms | 12 ms | 28 ms | 1 / 2 |\n");
        assertThat(md).contains("| lab load | 100/100 | 0.100 | 0.060 | 5.0 ms | 9.6 ms | 21 ms | 2 / 3 |\n");
        // lab / SIPp: generator 0.06/0.1, node 0.1/0.2, set-up 5/4
        assertThat(md).contains("| same run | 0.60 | 0.50 | 1.25 |\n");
        assertThat(md).doesNotContain("not installed");
    }

    @Test
    void withoutSippSaysSoAndHasNoRatio() {
        String md = LoadMeetingsSection.markdown("2026-11-28", "cmd", "m", "s", "1", "1", List.of(ROW_100), List.of(
                new LoadMeetingsSection.Reference("lab load", 100, 100, new LoadWindow(0.1, 0.06, 3, "2", "3"),
                        5, 9.6, Double.NaN)), "**SIPp is not installed here, so the SIPp reference was not measured.**");
        assertThat(md).contains("**SIPp is not installed here").contains("| 9.6 ms | - |").doesNotContain("| same run |");
    }
}
