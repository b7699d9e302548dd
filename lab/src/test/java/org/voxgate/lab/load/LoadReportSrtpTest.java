package org.voxgate.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The report's SRTP table tells the refusals that came before the answer's key apart from the rest. */
class LoadReportSrtpTest {
    @Test
    void srtpTableCountsRefusalsBeforeTheAnswersKeyApart() {
        LoadPlan plan = new LoadPlan("127.0.0.1", 5061, "127.0.0.1", 2, 2, 1, "conference", List.of("2468"), false, "",
                1, 800, 32_000, null, "tls", null, true);
        LegReceiveStats.Result rx = new LegReceiveStats.Result(500, 0, 500, 0.1, 0.2, 500, 400, 0);
        LoadResult.Negotiated pcmu = new LoadResult.Negotiated("PCMU/8000", 0, 101, 8000);
        List<LoadResult.Leg> legs = List.of(
                new LoadResult.Leg(0, "2468", true, 40, null, 10, rx, 500, 0, 3, 3, pcmu),
                new LoadResult.Leg(1, "2468", false, 42, null, 10, rx, 500, 0, 4, 2, pcmu));
        LoadResult r = new LoadResult(plan, 2, 2, 0, Map.of(), 2, 2, 41, 42, 42, 42, legs,
                new LoadResult.Generator(500, 0, 8, 8), null, 1);

        assertThat(r.srtpBeforeKey()).isEqualTo(5);
        assertThat(r.srtpTotals()).containsExactly(0L, 7L);
        assertThat(LoadReport.markdown(r, "lab load --srtp"))
                .contains("| auth failures | legs with auth failures | other refusals | of them before the answer's key |")
                .contains("| 0 | 0 | 7 | 5 |");
    }
}
