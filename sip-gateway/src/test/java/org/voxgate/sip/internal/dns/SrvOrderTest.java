package org.voxgate.sip.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** RFC 2782 ordering: priority first, weights by a seeded draw, weight 0 rare, "." dropped. */
class SrvOrderTest {
    private static final long SEED = 20261128L;

    private static ResourceRecord.Srv srv(int priority, int weight, String target) {
        return new ResourceRecord.Srv(priority, weight, 5060, target);
    }

    @Test
    void lowerPriorityAlwaysComesFirst() {
        Random random = new Random(SEED);
        List<ResourceRecord.Srv> in = List.of(srv(20, 100, "c"), srv(10, 1, "a"), srv(30, 0, "d"), srv(10, 1, "b"));
        for (int i = 0; i < 200; i++) {
            List<ResourceRecord.Srv> out = SrvOrder.order(in, random);
            assertThat(out).extracting(ResourceRecord.Srv::priority).containsExactly(10, 10, 20, 30);
            assertThat(out.subList(0, 2)).extracting(ResourceRecord.Srv::target).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void firstChoiceFollowsTheWeights() {
        Random random = new Random(SEED);
        List<ResourceRecord.Srv> in = List.of(srv(1, 60, "a"), srv(1, 30, "b"), srv(1, 10, "c"));
        Map<String, Integer> first = new HashMap<>();
        int draws = 20_000;
        for (int i = 0; i < draws; i++) {
            first.merge(SrvOrder.order(in, random).get(0).target(), 1, Integer::sum);
        }
        // the draw is 0..sum inclusive, so "a" also takes the extra value 0: 61/101, 30/101, 10/101
        assertThat(first.get("a") / (double) draws).isCloseTo(61 / 101.0, org.assertj.core.data.Offset.offset(0.02));
        assertThat(first.get("b") / (double) draws).isCloseTo(30 / 101.0, org.assertj.core.data.Offset.offset(0.02));
        assertThat(first.get("c") / (double) draws).isCloseTo(10 / 101.0, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void weightZeroIsChosenFirstOnlyWhenTheDrawIsZero() {
        Random random = new Random(SEED);
        List<ResourceRecord.Srv> in = List.of(srv(1, 99, "heavy"), srv(1, 0, "spare"));
        int spareFirst = 0;
        int draws = 10_000;
        for (int i = 0; i < draws; i++) {
            if (SrvOrder.order(in, random).get(0).target().equals("spare")) {
                spareFirst++;
            }
        }
        assertThat(spareFirst).as("1 in 100 draws").isBetween(draws / 100 / 2, draws / 100 * 2);
    }

    @Test
    void allWeightsZeroKeepsEveryRecord() {
        List<ResourceRecord.Srv> out = SrvOrder.order(List.of(srv(1, 0, "a"), srv(1, 0, "b"), srv(1, 0, "c")),
                new Random(SEED));
        assertThat(out).extracting(ResourceRecord.Srv::target).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void theRootTargetMeansNotAvailable() {
        assertThat(SrvOrder.order(List.of(srv(0, 0, "")), new Random(SEED))).isEmpty();
    }

    @Test
    void theSameSeedGivesTheSameOrder() {
        List<ResourceRecord.Srv> in = List.of(srv(1, 5, "a"), srv(1, 5, "b"), srv(1, 5, "c"), srv(1, 5, "d"));
        assertThat(SrvOrder.order(in, new Random(SEED))).isEqualTo(SrvOrder.order(in, new Random(SEED)));
    }
}
