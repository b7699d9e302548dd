package org.voxgate.bridge.internal.jitter;

import java.util.Arrays;

import org.voxgate.bridge.internal.rtp.DropReason;
import org.voxgate.bridge.internal.rtp.RtpSequence;

/**
 * Adaptive, packet-based jitter buffer for one RTP stream with a fixed packet duration.
 *
 * <p><b>Delay estimate.</b> For every packet the transit time {@code arrival - timestamp} is
 * compared with the smallest transit seen in the current and previous {@value #WINDOW_MS} ms
 * window; the difference is the packet's delay variation. The target delay is the largest
 * variation of the same two windows, clamped to {@code [minDelayMs, maxDelayMs]}: it grows at
 * once when jitter rises and shrinks back two windows after it calms down.
 *
 * <p><b>Play-out.</b> {@link #poll} is called once per packet duration by the play-out clock. It
 * starts once the target delay is buffered, then returns packets in sequence order. A missing
 * packet with later ones buffered is reported {@link #LOST} and skipped; when nothing at all is
 * buffered (underrun) {@code LOST} is returned without moving on, which stretches the delay by
 * one packet; when packets come back after two or more starved polls, the missing numbers before
 * them are skipped unplayed except for the packet times their timestamps say are missing beyond
 * what the starved polls concealed already (a sender gap, such as RFC 4733 events in the same
 * sequence space with their end packet sent three times, does not add to the delay). When the buffer held more than the target by two packets for a whole
 * {@value #SHRINK_WINDOW_POLLS}-poll window, one packet is dropped to shrink the delay.
 *
 * <p>Slots are preallocated; {@link #insert} and {@link #poll} allocate nothing. Not
 * thread-safe: owned by the play-out thread.
 */
public final class JitterBuffer {
    /** {@link #poll} result: a packet is due but missing; conceal one packet duration. */
    public static final int LOST = -1;
    /** {@link #poll} result: not playing (buffering, or idle); play silence. */
    public static final int EMPTY = -2;

    static final int WINDOW_MS = 2000;
    /** lowestSeq while re-buffering after an idle gap and nothing arrived yet. */
    private static final long NONE = Long.MAX_VALUE;
    static final int SHRINK_WINDOW_POLLS = 25;
    /** Consecutive underruns after which the stream is considered idle and re-buffers. */
    static final int MAX_UNDERRUNS = 10;

    private final int clockRateHz;
    private final long packetNanos;
    private final long minDelayNanos;
    private final long maxDelayNanos;
    private final int mask;
    private final long[] slotSeq;
    /** Extended RTP timestamp of each held packet. */
    private final long[] slotTs;
    /** RTP timestamp units in one packet. */
    private final long packetTicks;
    private final byte[][] slotData;
    private final int[] slotLength;

    private boolean any;
    private boolean started;
    /** Played since the last {@link #reset()}: older numbers than nextSeq are late even when idle. */
    private boolean playedOnce;
    private long highestSeq;
    private long lowestSeq;
    private long nextSeq;
    private long firstArrivalNanos;
    private long highestTs;
    private long firstTs;

    // delay estimation, two windows
    private long windowStartNanos;
    private long curMinTransit;
    private long prevMinTransit;
    private long curMaxVariation;
    private long prevMaxVariation;
    private long targetDelayNanos;

    private int pollsInWindow;
    private long minLevelInWindow = Long.MAX_VALUE;
    private int underruns;
    /** Starved polls answered LOST since the last packet played: that time is already concealed. */
    private int stretched;
    /** Extended timestamp of the last packet played, valid while {@link #playedTs} is true. */
    private long lastPlayedTs;
    private boolean playedTs;

    private long late;
    private long duplicates;
    private long lost;
    private long shrinks;
    private long resets;
    private long played;

    /**
     * @param clockRateHz     RTP clock rate of the stream
     * @param packetMs        duration of one packet (the stream's ptime)
     * @param minDelayMs      smallest target delay
     * @param maxDelayMs      largest target delay
     * @param maxPayloadBytes largest payload held
     */
    public JitterBuffer(int clockRateHz, int packetMs, int minDelayMs, int maxDelayMs, int maxPayloadBytes) {
        if (clockRateHz <= 0 || packetMs <= 0 || minDelayMs < 0 || maxDelayMs < minDelayMs || maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("bad jitter buffer parameters");
        }
        this.clockRateHz = clockRateHz;
        this.packetNanos = packetMs * 1_000_000L;
        this.minDelayNanos = minDelayMs * 1_000_000L;
        this.maxDelayNanos = maxDelayMs * 1_000_000L;
        int needed = Math.max(16, 2 * (maxDelayMs / packetMs) + 8);
        int capacity = Integer.highestOneBit(needed - 1) << 1;
        this.mask = capacity - 1;
        this.slotSeq = new long[capacity];
        this.slotTs = new long[capacity];
        this.packetTicks = Math.max(1, (long) clockRateHz * packetMs / 1000);
        this.slotData = new byte[capacity][maxPayloadBytes];
        this.slotLength = new int[capacity];
        this.targetDelayNanos = minDelayNanos;
        reset();
        resets = 0;
    }

    /** Forgets every packet and the delay history (new SSRC, codec change). */
    public void reset() {
        Arrays.fill(slotSeq, Long.MIN_VALUE);
        any = false;
        started = false;
        playedOnce = false;
        playedTs = false;
        underruns = 0;
        stretched = 0;
        pollsInWindow = 0;
        minLevelInWindow = Long.MAX_VALUE;
        curMaxVariation = 0;
        prevMaxVariation = 0;
        curMinTransit = Long.MAX_VALUE;
        prevMinTransit = Long.MAX_VALUE;
        targetDelayNanos = minDelayNanos;
        resets++;
    }

    /**
     * Offers one packet.
     *
     * @return null when held, or {@link DropReason#LATE} (its play-out time passed),
     *     {@link DropReason#DUPLICATE} or {@link DropReason#TOO_LARGE}
     */
    public DropReason insert(int seq16, long timestamp32, byte[] buf, int offset, int length, long arrivalNanos) {
        if (length > slotData[0].length) {
            return DropReason.TOO_LARGE;
        }
        long seq;
        long ts;
        if (!any) {
            any = true;
            seq = (1L << 32) + seq16; // room below for reordering
            ts = (1L << 40) + timestamp32;
            highestSeq = seq;
            lowestSeq = seq;
            highestTs = ts;
            firstTs = ts;
            firstArrivalNanos = arrivalNanos;
            windowStartNanos = arrivalNanos;
        } else {
            seq = RtpSequence.extend(highestSeq, seq16);
            ts = RtpSequence.extendTimestamp(highestTs, timestamp32);
            if ((started || playedOnce) && seq < nextSeq) {
                if (slotSeq[(int) (seq & mask)] == seq) {
                    duplicates++;
                    return DropReason.DUPLICATE;
                }
                late++;
                return DropReason.LATE;
            }
            if (!started && lowestSeq == NONE) {
                // first packet after an idle gap: buffer from here
                lowestSeq = seq;
                firstArrivalNanos = arrivalNanos;
            }
            long base = started ? nextSeq : lowestSeq;
            if (seq - base > mask || (!started && highestSeq - seq > mask)) {
                // Too far from what we hold: the sender restarted its sequence.
                reset();
                return insert(seq16, timestamp32, buf, offset, length, arrivalNanos);
            }
        }
        int slot = (int) (seq & mask);
        if (slotSeq[slot] == seq) {
            duplicates++;
            return DropReason.DUPLICATE;
        }
        slotSeq[slot] = seq;
        slotTs[slot] = ts;
        slotLength[slot] = length;
        System.arraycopy(buf, offset, slotData[slot], 0, length);
        if (seq > highestSeq) {
            highestSeq = seq;
        }
        if (ts - highestTs > 0) {
            highestTs = ts;
        }
        if (!started && seq < lowestSeq) {
            lowestSeq = seq;
        }
        observeTransit(ts, arrivalNanos);
        return null;
    }

    private void observeTransit(long ts, long arrivalNanos) {
        if (arrivalNanos - windowStartNanos >= WINDOW_MS * 1_000_000L) {
            prevMinTransit = curMinTransit;
            prevMaxVariation = curMaxVariation;
            curMinTransit = Long.MAX_VALUE;
            curMaxVariation = 0;
            windowStartNanos = arrivalNanos;
        }
        long mediaNanos = (ts - firstTs) * 1_000_000_000L / clockRateHz;
        long transit = arrivalNanos - mediaNanos;
        if (transit < curMinTransit) {
            curMinTransit = transit;
        }
        long variation = transit - Math.min(curMinTransit, prevMinTransit);
        if (variation > curMaxVariation) {
            curMaxVariation = variation;
        }
        long peak = Math.max(curMaxVariation, prevMaxVariation);
        targetDelayNanos = Math.max(minDelayNanos, Math.min(maxDelayNanos, peak));
    }

    /**
     * Takes the packet due now.
     *
     * @param out receives the payload
     * @return the payload length, or {@link #LOST} (conceal one packet), or {@link #EMPTY}
     *     (nothing playing: silence)
     */
    public int poll(long nowNanos, byte[] out) {
        if (!any) {
            return EMPTY;
        }
        if (!started) {
            if (lowestSeq == NONE) {
                return EMPTY;
            }
            long buffered = highestSeq - lowestSeq + 1;
            if (buffered * packetNanos < targetDelayNanos && nowNanos - firstArrivalNanos < targetDelayNanos) {
                return EMPTY;
            }
            started = true;
            playedOnce = true;
            nextSeq = lowestSeq;
            underruns = 0;
        }
        long level = highestSeq - nextSeq + 1;
        if (level <= 0) {
            if (++underruns > MAX_UNDERRUNS) {
                // Idle (silence suppression, hold): re-buffer from the next packet, keeping the
                // delay estimate. Slots are cleared so stale numbers cannot pass for duplicates.
                Arrays.fill(slotSeq, Long.MIN_VALUE);
                started = false;
                lowestSeq = NONE;
                stretched = 0;
                playedTs = false;
                return EMPTY;
            }
            stretched++;
            return LOST; // stretch: wait for the late packet one more period
        }
        underruns = 0;
        // Packets are back after a starved period of two polls or more (a sender gap, not one
        // late packet). After a single starved poll the hole is still reported LOST, so Opus FEC
        // can rebuild it from the packet after it.
        if (stretched >= 2) {
            skipConcealedGap();
        }
        stretched = 0;
        level = highestSeq - nextSeq + 1;
        maybeShrink(level);
        int slot = (int) (nextSeq & mask);
        if (slotSeq[slot] == nextSeq) {
            nextSeq++;
            lastPlayedTs = slotTs[slot];
            playedTs = true;
            int length = slotLength[slot];
            System.arraycopy(slotData[slot], 0, out, 0, length);
            played++;
            return length;
        }
        nextSeq++;
        lost++;
        return LOST;
    }

    /**
     * Audio is back after {@link #stretched} starved polls, each of which concealed one packet
     * time. The missing numbers before the first packet that is here are not all media: RFC 4733
     * events share the sequence space, and their end packet is sent three times (RFC 4733
     * section 2.5.1.4), so a key uses more numbers than packet times. What is missing is read
     * from the timestamps: the packet times between the last packet played and the first one
     * here, less what the starved polls concealed, are still concealed (at most one per missing
     * number); every other missing number is skipped. Without a played packet to measure from,
     * as many numbers as starved polls are skipped.
     */
    private void skipConcealedGap() {
        long first = nextSeq;
        while (first < highestSeq && slotSeq[(int) (first & mask)] != first) {
            first++;
        }
        long holes = first - nextSeq;
        if (holes == 0) {
            return;
        }
        long keep;
        if (playedTs && slotSeq[(int) (first & mask)] == first) {
            long missingPackets = (slotTs[(int) (first & mask)] - lastPlayedTs) / packetTicks - 1;
            keep = Math.max(0, Math.min(holes, missingPackets - stretched));
        } else {
            keep = Math.max(0, holes - stretched);
        }
        nextSeq += holes - keep;
        lost += holes - keep;
    }

    /**
     * Copies the packet that the next {@link #poll} would return, if it is here, without taking
     * it: after a {@link #LOST} it is the packet that followed the lost one, whose redundancy
     * (Opus in-band FEC) can rebuild it.
     *
     * @return its length, or -1 when it has not arrived or nothing is playing
     */
    public int peekNext(byte[] out) {
        if (!started || nextSeq > highestSeq) {
            return -1;
        }
        int slot = (int) (nextSeq & mask);
        if (slotSeq[slot] != nextSeq) {
            return -1;
        }
        int length = slotLength[slot];
        System.arraycopy(slotData[slot], 0, out, 0, length);
        return length;
    }

    /** Packet duration this buffer was made for. */
    public long packetNanos() {
        return packetNanos;
    }

    private void maybeShrink(long level) {
        if (level < minLevelInWindow) {
            minLevelInWindow = level;
        }
        if (++pollsInWindow < SHRINK_WINDOW_POLLS) {
            return;
        }
        long targetPackets = Math.max(1, (targetDelayNanos + packetNanos - 1) / packetNanos);
        if (minLevelInWindow > targetPackets + 1 && level > 1) {
            // Drop the oldest held packet: play-out delay shrinks by one packet.
            slotSeq[(int) (nextSeq & mask)] = Long.MIN_VALUE;
            nextSeq++;
            shrinks++;
        }
        pollsInWindow = 0;
        minLevelInWindow = Long.MAX_VALUE;
    }

    /** Current target delay. */
    public long targetDelayMs() {
        return targetDelayNanos / 1_000_000L;
    }

    /** Packets buffered ahead of the play-out point (including holes). */
    public long level() {
        if (!any || (!started && lowestSeq == NONE)) {
            return 0;
        }
        return started ? Math.max(0, highestSeq - nextSeq + 1) : highestSeq - lowestSeq + 1;
    }

    public boolean started() {
        return started;
    }

    public long late() {
        return late;
    }

    public long duplicates() {
        return duplicates;
    }

    public long lost() {
        return lost;
    }

    public long shrinks() {
        return shrinks;
    }

    public long played() {
        return played;
    }

    /** Restarts after a sequence jump (not counting {@link #reset()} calls by the owner). */
    public long resets() {
        return resets;
    }
}
