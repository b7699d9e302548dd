package org.voxgate.bridge.internal.rtp;

/**
 * Receiver-side counters of one RTP source, as RFC 3550 appendix A.1 (sequence validation),
 * A.3 (expected and lost) and A.8 (interarrival jitter) compute them; they feed RTCP receiver
 * report blocks and {@code LegStats}.
 *
 * <p>Confined to the leg's event loop (the receive path and the RTCP timer both run there).
 * {@link #lost()}, {@link #received()} and {@link #jitterSamples()} are also read from other
 * threads for stats snapshots: they are volatile.
 */
public final class ReceiveStatistics {
    /** A.1: a jump larger than this restarts the sequence (probable source restart). */
    static final int MAX_DROPOUT = 3000;
    /** A.1: this far behind counts as a late or duplicate packet, not a restart. */
    static final int MAX_MISORDER = 100;

    private final int clockRateHz;
    private boolean started;
    private long baseSeq;
    private long maxExtSeq;
    private volatile long received;
    private long expectedPrior;
    private long receivedPrior;
    private long lastTransit;
    private boolean haveTransit;
    private volatile double jitter; // in timestamp units, RFC 3550 A.8 "J"

    public ReceiveStatistics(int clockRateHz) {
        this.clockRateHz = clockRateHz;
    }

    /**
     * Records one accepted packet.
     *
     * @param seq16        its sequence number
     * @param timestamp    its RTP timestamp
     * @param arrivalNanos when it arrived, on the bridge clock
     */
    public void onPacket(int seq16, long timestamp, long arrivalNanos) {
        if (!started) {
            started = true;
            baseSeq = seq16;
            maxExtSeq = seq16;
        } else {
            long ext = RtpSequence.extend(maxExtSeq, seq16);
            long delta = ext - maxExtSeq;
            if (delta > MAX_DROPOUT || delta < -MAX_MISORDER) {
                // A.1: large jump; treat as a restart of the sequence.
                baseSeq = seq16;
                maxExtSeq = seq16;
                received = 0;
                expectedPrior = 0;
                receivedPrior = 0;
            } else if (delta > 0) {
                maxExtSeq = ext;
            }
        }
        received++;
        // A.8: transit = arrival (in timestamp units) - timestamp; J += (|D| - J) / 16.
        long arrivalTs = arrivalNanos / 1000 * clockRateHz / 1_000_000;
        long transit = arrivalTs - timestamp;
        if (haveTransit) {
            long d = Math.abs(RtpSequence.timestampDistance(lastTransit, transit));
            jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
    }

    public boolean started() {
        return started;
    }

    public long received() {
        return received;
    }

    /** Extended highest sequence number received (A.3), with the cycle count in bits 16+. */
    public long extendedHighestSeq() {
        return maxExtSeq;
    }

    public long expected() {
        return started ? maxExtSeq - baseSeq + 1 : 0;
    }

    /** Cumulative number of packets lost (A.3), clamped at 0 (duplicates may make it negative). */
    public long lost() {
        return Math.max(0, expected() - received);
    }

    /** Interarrival jitter in timestamp units. */
    public double jitterSamples() {
        return jitter;
    }

    public double jitterMs() {
        return jitter * 1000.0 / clockRateHz;
    }

    /**
     * Fraction lost since the previous call, as the 8-bit fixed point value of a report block
     * (A.3), and moves the interval on.
     */
    public int takeFractionLost() {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        expectedPrior = expected;
        long receivedInterval = received - receivedPrior;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval == 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    }
}
