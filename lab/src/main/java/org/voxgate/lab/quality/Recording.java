package org.voxgate.lab.quality;

import java.util.Arrays;
import java.util.BitSet;

import org.voxgate.lab.g711.MuLawCodec;
import org.voxgate.lab.rtp.RtpWrap;

/**
 * What one lab leg received: decoded PCMU laid on a timeline by RTP timestamp, and each
 * packet's arrival time, so that analysis can map timeline samples to wall-clock time. A new
 * SSRC continues the timeline where its first packet's arrival time puts it. Also counts, as it
 * goes, 20 ms frames that carry the {@link Signals#TEST_TONE_HZ} tone (Goertzel), so a runner can
 * tell when a leg hears the talker. Written by one receive thread; read after it stopped, except
 * {@link #toneFrames()}.
 */
public final class Recording {
    static final int FRAME = 160;
    private static final long NANOS_PER_SAMPLE = 125_000;
    private static final double COEFF = 2 * Math.cos(2 * Math.PI * Signals.TEST_TONE_HZ / Signals.RATE_HZ);

    private final short[] pcm;
    private final BitSet covered = new BitSet();
    private final short[] frame = new short[FRAME];
    private long[] arrivals = new long[1024];
    private long[] indexes = new long[1024];
    private int packets;
    private long ssrc = -1;
    private long lastTs;
    private long lastIndex;
    private long originNanos = Long.MIN_VALUE;
    private volatile long toneFrames;
    private long outside;

    /** @param seconds the longest timeline kept; later samples are counted, not stored */
    public Recording(int seconds) {
        pcm = new short[seconds * Signals.RATE_HZ];
    }

    /** A PCMU packet (payload type 0). */
    public synchronized void onPcmu(long packetSsrc, long timestamp, byte[] payload, int offset, int length, long arrivalNanos) {
        if (originNanos == Long.MIN_VALUE) {
            originNanos = arrivalNanos;
        }
        long index;
        if (packetSsrc != ssrc) {
            ssrc = packetSsrc;
            index = (arrivalNanos - originNanos) / NANOS_PER_SAMPLE;
        } else {
            index = lastIndex + RtpWrap.timestampDistance(lastTs, timestamp);
        }
        lastTs = timestamp;
        lastIndex = index;
        if (packets == arrivals.length) {
            arrivals = Arrays.copyOf(arrivals, packets * 2);
            indexes = Arrays.copyOf(indexes, packets * 2);
        }
        arrivals[packets] = arrivalNanos;
        indexes[packets] = index;
        packets++;
        int n = Math.min(length, FRAME);
        for (int i = 0; i < n; i++) {
            frame[i] = MuLawCodec.decode(payload[offset + i]);
        }
        if (n == FRAME && hasTone()) {
            toneFrames++;
        }
        if (index < 0 || index + length > pcm.length) {
            outside++;
            return;
        }
        for (int i = 0; i < length; i++) {
            pcm[(int) index + i] = MuLawCodec.decode(payload[offset + i]);
        }
        covered.set((int) (index / FRAME), (int) ((index + length + FRAME - 1) / FRAME));
    }

    private boolean hasTone() {
        double s1 = 0, s2 = 0, energy = 0;
        for (short v : frame) {
            double s0 = v + COEFF * s1 - s2;
            s2 = s1;
            s1 = s0;
            energy += (double) v * v;
        }
        if (energy < FRAME * 300.0 * 300.0) {
            return false;
        }
        double bin = s1 * s1 + s2 * s2 - COEFF * s1 * s2;
        return bin / (energy * FRAME / 2.0) >= 0.5;
    }

    /** 20 ms frames received so far that carry the 1004 Hz tone. Any thread. */
    public long toneFrames() {
        return toneFrames;
    }

    public short[] pcm() {
        return pcm;
    }

    public int packets() {
        return packets;
    }

    /** Whether the 20 ms frame {@code frameIndex} of the timeline was received (wholly or partly). */
    public boolean covered(int frameIndex) {
        return covered.get(frameIndex);
    }

    /**
     * Finds {@code probe}, sent from {@code sentNanos} on, in this recording: its delay in samples
     * after the sending time, searched over [minLag, maxLag]. Null when no packet arrived in the
     * second after sending. Safe while the receive thread writes.
     */
    public synchronized DelayEstimator.Estimate locate(short[] probe, long sentNanos, int minLag, int maxLag) {
        long origin = originNanos(sentNanos, sentNanos + 1_000_000_000L);
        if (origin == Long.MIN_VALUE) {
            return null;
        }
        long from = Math.floorDiv(sentNanos - origin, NANOS_PER_SAMPLE);
        if (from + minLag < 0 || from > pcm.length) {
            return null;
        }
        return DelayEstimator.estimate(probe, 0, probe.length, pcm, (int) from, minLag, maxLag);
    }

    /** Packets that fell outside the kept timeline. */
    public long outside() {
        return outside;
    }

    /**
     * The wall-clock time of timeline sample 0 as the packets arriving in
     * [{@code fromNanos}, {@code toNanos}] put it: the median of arrival - index * 125 us (one
     * late or early packet does not move it). {@link Long#MIN_VALUE} when none arrived then.
     */
    public synchronized long originNanos(long fromNanos, long toNanos) {
        long[] o = new long[packets];
        int n = 0;
        for (int i = 0; i < packets; i++) {
            if (arrivals[i] >= fromNanos && arrivals[i] <= toNanos) {
                o[n++] = arrivals[i] - indexes[i] * NANOS_PER_SAMPLE;
            }
        }
        if (n == 0) {
            return Long.MIN_VALUE;
        }
        Arrays.sort(o, 0, n);
        return o[n / 2];
    }
}
