package org.voxgate.sip.internal.dns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The order in which to try SRV targets (RFC 2782, "Usage rules" and the weight field): lowest
 * priority first; within one priority, a weighted random draw without replacement, weight-0
 * records placed first so they are chosen rarely but not never. A target of "." (the root)
 * means the service is decidedly not available at that name: such records are dropped.
 */
public final class SrvOrder {
    private SrvOrder() {
    }

    /** {@code records} in the order to try them; {@code random} decides ties by weight (seed it in tests). */
    public static List<ResourceRecord.Srv> order(List<ResourceRecord.Srv> records, RandomGenerator random) {
        List<ResourceRecord.Srv> sorted = new ArrayList<>();
        for (ResourceRecord.Srv r : records) {
            if (!r.target().isEmpty()) {
                sorted.add(r);
            }
        }
        sorted.sort(Comparator.comparingInt(ResourceRecord.Srv::priority));
        List<ResourceRecord.Srv> out = new ArrayList<>(sorted.size());
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).priority() == sorted.get(i).priority()) {
                j++;
            }
            out.addAll(weighted(sorted.subList(i, j), random));
            i = j;
        }
        return out;
    }

    /**
     * RFC 2782: "arrange all SRV RRs (that have not been ordered yet) in any order, except that
     * all those with weight 0 are placed at the beginning of the list. Compute the sum of the
     * weights ... choose a uniform random number between 0 and the sum computed (inclusive), and
     * select the RR whose running sum value is the first in the selected order which is greater
     * than or equal to the random number selected."
     */
    static List<ResourceRecord.Srv> weighted(List<ResourceRecord.Srv> samePriority, RandomGenerator random) {
        List<ResourceRecord.Srv> left = new ArrayList<>(samePriority.size());
        for (ResourceRecord.Srv r : samePriority) {
            if (r.weight() == 0) {
                left.add(r);
            }
        }
        for (ResourceRecord.Srv r : samePriority) {
            if (r.weight() != 0) {
                left.add(r);
            }
        }
        List<ResourceRecord.Srv> out = new ArrayList<>(left.size());
        while (!left.isEmpty()) {
            long sum = 0;
            for (ResourceRecord.Srv r : left) {
                sum += r.weight();
            }
            long pick = random.nextLong(sum + 1); // 0..sum inclusive
            long running = 0;
            int chosen = left.size() - 1;
            for (int k = 0; k < left.size(); k++) {
                running += left.get(k).weight();
                if (running >= pick) {
                    chosen = k;
                    break;
                }
            }
            out.add(left.remove(chosen));
        }
        return out;
    }
}
