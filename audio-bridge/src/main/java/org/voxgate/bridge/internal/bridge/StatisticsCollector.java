package org.voxgate.bridge.internal.bridge;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import org.voxgate.bridge.BridgeSnapshot;
import org.voxgate.bridge.api.LegStats;
import org.voxgate.bridge.internal.conference.DefaultConference;
import org.voxgate.bridge.internal.leg.DefaultMediaLeg;
import org.voxgate.bridge.internal.rtp.DropReason;

/**
 * Sums counters of open legs and conferences with those of closed ones ("retired"), for
 * {@link org.voxgate.bridge.BridgeStatistics}. Closing a leg or conference adds its final
 * counters here; nothing on the media path touches this class.
 */
final class StatisticsCollector {
    private static final DropReason[] REASONS = DropReason.values();

    private final LongAdder received = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder lateTicks = new LongAdder();
    private final AtomicLongArray drops = new AtomicLongArray(REASONS.length);

    /** Adds a closed leg's counters. Call once per leg, after it left the open set. */
    void retire(DefaultMediaLeg leg) {
        LegStats s = leg.stats();
        received.add(s.packetsReceived());
        sent.add(s.packetsSent());
        lost.add(s.packetsLost());
        for (DropReason r : REASONS) {
            drops.addAndGet(r.ordinal(), leg.drops(r));
        }
    }

    /** Adds a closed conference's late ticks. Call once per conference. */
    void retire(DefaultConference conference) {
        lateTicks.add(conference.lateTicks());
    }

    BridgeSnapshot snapshot(Collection<DefaultMediaLeg> openLegs, Collection<DefaultConference> conferences) {
        long rx = received.sum();
        long tx = sent.sum();
        long lostSum = lost.sum();
        long[] dropped = new long[REASONS.length];
        for (int i = 0; i < dropped.length; i++) {
            dropped[i] = drops.get(i);
        }
        int legs = 0;
        for (DefaultMediaLeg leg : openLegs) {
            legs++;
            LegStats s = leg.stats();
            rx += s.packetsReceived();
            tx += s.packetsSent();
            lostSum += s.packetsLost();
            for (DropReason r : REASONS) {
                dropped[r.ordinal()] += leg.drops(r);
            }
        }
        long late = lateTicks.sum();
        int confs = 0;
        for (DefaultConference c : conferences) {
            confs++;
            late += c.lateTicks();
        }
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (DropReason r : REASONS) {
            byReason.put(r.name(), dropped[r.ordinal()]);
        }
        return new BridgeSnapshot(legs, confs, rx, tx, lostSum, late, byReason);
    }
}
