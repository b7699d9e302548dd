package org.voxgate.lab.load;

import org.voxgate.lab.g711.MuLawCodec;
import org.voxgate.lab.rtp.RtpWrap;

/**
 * What one generated leg receives from the node, measured as an RTP receiver does (RFC 3550
 * appendix A.1 and A.3): packets received and expected per SSRC (a new SSRC starts a new count,
 * the old one is kept), interarrival jitter (section 6.4.1, A.8), and how many 20 ms frames
 * carry the talkers' test tone (a Goertzel filter at {@link RtpToneSource#TONE_HZ}).
 * Touched by the receive thread only; {@link #snapshot()} is read after it stopped.
 */
final class LegReceiveStats {
    private static final int SAMPLES = 160;
    private static final int CLOCK_RATE_HZ = 8000;
    private static final double COEFF = 2 * Math.cos(2 * Math.PI * RtpToneSource.TONE_HZ / CLOCK_RATE_HZ);
    /** A frame "has the tone" when the tone bin holds this share of the frame's energy. */
    private static final double TONE_SHARE = 0.5;

    private final short[] pcm = new short[SAMPLES];
    private long ssrc = -1;
    private long baseExtended;
    private long maxExtended;
    private long receivedThisSsrc;
    private long expectedBefore;
    private long receivedBefore;
    private long received;
    private long lastTransit = Long.MIN_VALUE;
    private double jitterSamples;
    private double maxJitterSamples;
    private long toneFrames;
    private long audioFrames;

    /**
     * @param arrivalNanos receive time on a monotonic clock
     * @param payloadType  0 (PCMU) frames are analysed; others only counted
     */
    void onPacket(int seq, long timestamp, long packetSsrc, int payloadType, byte[] payload, int payloadOffset,
                  int payloadLength, long arrivalNanos) {
        if (packetSsrc != ssrc) {
            expectedBefore += expectedThisSsrc();
            receivedBefore += receivedThisSsrc;
            ssrc = packetSsrc;
            baseExtended = seq;
            maxExtended = seq;
            receivedThisSsrc = 0;
            lastTransit = Long.MIN_VALUE;
        } else {
            long ext = RtpWrap.extendSequence(maxExtended, seq);
            if (ext > maxExtended) {
                maxExtended = ext;
            }
        }
        receivedThisSsrc++;
        received++;
        if (payloadType != 0) {
            return;
        }
        // RFC 3550 section 6.4.1: J += (|D(i-1,i)| - J) / 16, in timestamp units
        long arrivalUnits = arrivalNanos * CLOCK_RATE_HZ / 1_000_000_000L;
        long transit = arrivalUnits - (timestamp & 0xFFFF_FFFFL);
        if (lastTransit != Long.MIN_VALUE) {
            long d = Math.abs(RtpWrap.timestampDistance(lastTransit, transit));
            jitterSamples += (d - jitterSamples) / 16.0;
            maxJitterSamples = Math.max(maxJitterSamples, jitterSamples);
        }
        lastTransit = transit;
        if (payloadLength >= SAMPLES) {
            audioFrames++;
            for (int i = 0; i < SAMPLES; i++) {
                pcm[i] = MuLawCodec.decode(payload[payloadOffset + i]);
            }
            if (hasTone()) {
                toneFrames++;
            }
        }
    }

    private boolean hasTone() {
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (short v : pcm) {
            double s0 = v + COEFF * s1 - s2;
            s2 = s1;
            s1 = s0;
            energy += (double) v * v;
        }
        if (energy < SAMPLES * 100.0 * 100.0) { // below about -50 dBov: silence
            return false;
        }
        double bin = s1 * s1 + s2 * s2 - COEFF * s1 * s2;
        // a pure tone puts energy * N / 2 into its bin
        return bin / (energy * SAMPLES / 2.0) >= TONE_SHARE;
    }

    private long expectedThisSsrc() {
        return ssrc < 0 ? 0 : maxExtended - baseExtended + 1;
    }

    /** The counters now. */
    Result snapshot() {
        long expected = expectedBefore + expectedThisSsrc();
        long receivedInOrder = receivedBefore + receivedThisSsrc;
        return new Result(received, Math.max(0, expected - receivedInOrder), expected,
                jitterSamples * 1000.0 / CLOCK_RATE_HZ, maxJitterSamples * 1000.0 / CLOCK_RATE_HZ,
                audioFrames, toneFrames);
    }

    /**
     * @param received    packets received
     * @param lost        expected minus received (duplicates can hide losses, as in RFC 3550 A.3)
     * @param expected    from the sequence numbers seen, per SSRC
     * @param jitterMs    last interarrival jitter estimate
     * @param maxJitterMs largest estimate during the call
     * @param audioFrames PCMU frames received
     * @param toneFrames  of those, frames that carry the test tone
     */
    record Result(long received, long lost, long expected, double jitterMs, double maxJitterMs, long audioFrames,
                  long toneFrames) {
        double lossRatio() {
            return expected == 0 ? 0 : (double) lost / expected;
        }
    }
}
