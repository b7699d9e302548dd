package org.voxgate.lab.quality;

import java.util.SplittableRandom;

/**
 * Draws, packet by packet, what an {@link Impairment} does: drop the packet, or send it after
 * an extra delay. Seeded, so a run can be repeated (log the seed).
 *
 * <p>Burst loss is the simple Gilbert model (the Gilbert-Elliott chain with no loss in the good
 * state and all loss in the bad one): from good to bad with probability p, from bad to good with
 * r. The stationary loss is p / (p + r) and the mean burst length 1 / r, so for a target loss L
 * and mean burst B: r = 1 / B, p = L r / (1 - L).
 *
 * <pre>
 *          p                 (good: delivered)
 *   GOOD -----> BAD          (bad: lost)
 *    ^  \_1-p   |  \_1-r
 *    +----------+
 *          r
 * </pre>
 *
 * One thread at a time.
 */
public final class ImpairmentGenerator {
    /** Returned by {@link #next()} for a dropped packet. */
    public static final long DROP = -1;

    private final Impairment impairment;
    private final SplittableRandom random;
    private final double pGoodToBad;
    private final double rBadToGood;
    private final long slotMicros;
    private boolean bad;
    private final java.util.BitSet lostTrace = new java.util.BitSet();
    private int draws;

    /**
     * @param slotMicros packet interval; a reordered packet is held back one interval and 1 ms
     */
    public ImpairmentGenerator(Impairment impairment, long seed, long slotMicros) {
        this.impairment = impairment;
        this.random = new SplittableRandom(seed);
        this.slotMicros = slotMicros;
        double loss = impairment.lossPercent() / 100;
        this.rBadToGood = 1 / impairment.meanBurstPackets();
        this.pGoodToBad = loss * rBadToGood / (1 - loss);
    }

    /** Packets decided so far. */
    public int draws() {
        return draws;
    }

    /** Packets dropped so far. */
    public int drops() {
        return lostTrace.cardinality();
    }

    /** Which of the packets decided so far were dropped, in order. */
    public boolean[] lossTrace() {
        boolean[] t = new boolean[draws];
        for (int i = lostTrace.nextSetBit(0); i >= 0 && i < draws; i = lostTrace.nextSetBit(i + 1)) {
            t[i] = true;
        }
        return t;
    }

    public Impairment impairment() {
        return impairment;
    }

    /** {@link #DROP}, or the extra delay of the next packet in microseconds (0 for none). */
    public long next() {
        int n = draws++;
        if (impairment.bursty()) {
            bad = bad ? random.nextDouble() >= rBadToGood : random.nextDouble() < pGoodToBad;
            if (bad) {
                lostTrace.set(n);
                return DROP;
            }
        } else if (impairment.lossPercent() > 0 && random.nextDouble() * 100 < impairment.lossPercent()) {
            lostTrace.set(n);
            return DROP;
        }
        long delay = 0;
        if (impairment.jitterMs() > 0) {
            delay += (long) (random.nextDouble() * impairment.jitterMs() * 1000);
        }
        if (impairment.reorderPercent() > 0 && random.nextDouble() * 100 < impairment.reorderPercent()) {
            delay += slotMicros + 1000;
        }
        return delay;
    }
}
