package org.voxgate.lab.load;

import org.voxgate.lab.g711.ALawCodec;
import org.voxgate.lab.g711.MuLawCodec;
import org.voxgate.lab.rtp.RtpWrap;

/**
 * What one generated leg receives from the node, measured as an RTP receiver does (RFC 3550
 * appendix A.1 and A.3): packets received and expected per SSRC (a new SSRC starts a new count,
 * the old one is kept), interarrival jitter (section 6.4.1, A.8) in the codec's RTP clock units
 * (8 kHz for G.711, 48 kHz for Opus) reported in ms, and how many frames carry the talkers' test
 * tone (a Goertzel filter at {@link RtpToneSource#TONE_HZ} over the decoded frame, at the codec's
 * sample rate). Opus frames are decoded with the leg's own decoder, one libopus call per received
 * packet: that is the measurement's own CPU cost.
 *
 * <p>Touched by the receive thread only, except {@link #answer}, which the SIP thread calls once
 * and publishes through a volatile field; {@link #snapshot()} is read after the thread stopped.
 */
final class LegReceiveStats {
    /** A frame "has the tone" when the tone bin holds this share of the frame's energy. */
    private static final double TONE_SHARE = 0.5;
    /** Below about -50 dBov per sample a frame is silence. */
    private static final double SILENCE_SAMPLE_ENERGY = 100.0 * 100.0;
    private static final int MAX_SAMPLES = 5760;

    /** The payload type analysed, its codec and (Opus) decoder. */
    private record Format(LoadCodec codec, int payloadType, LabOpus.Decoder decoder, double coeff) {
        static Format of(LoadCodec codec, int payloadType, LabOpus.Decoder decoder) {
            return new Format(codec, payloadType, decoder,
                    2 * Math.cos(2 * Math.PI * RtpToneSource.TONE_HZ / codec.clockRateHz()));
        }
    }

    private volatile Format format;
    private final short[] pcm = new short[MAX_SAMPLES];
    private long ssrc = -1;
    private long baseExtended;
    private long maxExtended;
    private long receivedThisSsrc;
    private long expectedBefore;
    private long receivedBefore;
    private long received;
    private long baseArrivalNanos = Long.MIN_VALUE;
    private long lastTransit = Long.MIN_VALUE;
    private double jitterUnits;
    private double maxJitterUnits;
    private int jitterClockHz;
    private long toneFrames;
    private long audioFrames;
    private long undecodable;

    /** Analyses PCMU, payload type 0 (until {@link #answer} says otherwise). */
    LegReceiveStats() {
        format = Format.of(LoadCodec.PCMU, 0, null);
    }

    /**
     * The answer's payload type for {@code codec}; Opus frames are decoded with {@code decoder}
     * (required for Opus, owned by the caller, who closes it after the receive thread stopped).
     */
    void answer(LoadCodec codec, int payloadType, LabOpus.Decoder decoder) {
        if (codec == LoadCodec.OPUS && decoder == null) {
            throw new IllegalArgumentException("Opus needs a decoder");
        }
        format = Format.of(codec, payloadType, decoder);
    }

    /**
     * @param arrivalNanos receive time on a monotonic clock
     * @param payloadType  frames of the answer's audio payload type are analysed; others only counted
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
        Format f = format;
        if (payloadType != f.payloadType()) {
            return;
        }
        int clock = f.codec().clockRateHz();
        if (clock != jitterClockHz) { // the answer changed the clock: restart the estimate
            jitterClockHz = clock;
            jitterUnits = 0;
            maxJitterUnits = 0;
            lastTransit = Long.MIN_VALUE;
        }
        // RFC 3550 section 6.4.1: J += (|D(i-1,i)| - J) / 16, in timestamp units of the codec's clock
        if (baseArrivalNanos == Long.MIN_VALUE) {
            baseArrivalNanos = arrivalNanos;
        }
        long arrivalUnits = (arrivalNanos - baseArrivalNanos) * clock / 1_000_000_000L;
        long transit = arrivalUnits - (timestamp & 0xFFFF_FFFFL);
        if (lastTransit != Long.MIN_VALUE) {
            long d = Math.abs(RtpWrap.timestampDistance(lastTransit, transit));
            jitterUnits += (d - jitterUnits) / 16.0;
            maxJitterUnits = Math.max(maxJitterUnits, jitterUnits);
        }
        lastTransit = transit;
        int samples = decode(f, payload, payloadOffset, payloadLength);
        if (samples > 0) {
            audioFrames++;
            if (hasTone(samples, f.coeff())) {
                toneFrames++;
            }
        }
    }

    /** @return samples decoded into {@link #pcm}, 0 when the frame is not analysed */
    private int decode(Format f, byte[] payload, int offset, int length) {
        switch (f.codec()) {
            case OPUS -> {
                int n = f.decoder().decode(payload, offset, length, pcm);
                if (n <= 0) {
                    undecodable++;
                    return 0;
                }
                return n;
            }
            case PCMA -> {
                if (length < RtpToneSource.SAMPLES) {
                    return 0;
                }
                for (int i = 0; i < RtpToneSource.SAMPLES; i++) {
                    pcm[i] = ALawCodec.decode(payload[offset + i]);
                }
                return RtpToneSource.SAMPLES;
            }
            default -> {
                if (length < RtpToneSource.SAMPLES) {
                    return 0;
                }
                for (int i = 0; i < RtpToneSource.SAMPLES; i++) {
                    pcm[i] = MuLawCodec.decode(payload[offset + i]);
                }
                return RtpToneSource.SAMPLES;
            }
        }
    }

    /** Goertzel at the tone over the first {@code n} samples of {@link #pcm}. */
    private boolean hasTone(int n, double coeff) {
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (int i = 0; i < n; i++) {
            short v = pcm[i];
            double s0 = v + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
            energy += (double) v * v;
        }
        if (energy < n * SILENCE_SAMPLE_ENERGY) {
            return false;
        }
        double bin = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        // a pure tone puts energy * N / 2 into its bin
        return bin / (energy * n / 2.0) >= TONE_SHARE;
    }

    private long expectedThisSsrc() {
        return ssrc < 0 ? 0 : maxExtended - baseExtended + 1;
    }

    /** The counters now. */
    Result snapshot() {
        long expected = expectedBefore + expectedThisSsrc();
        long receivedInOrder = receivedBefore + receivedThisSsrc;
        double msPerUnit = jitterClockHz == 0 ? 0 : 1000.0 / jitterClockHz;
        return new Result(received, Math.max(0, expected - receivedInOrder), expected, jitterUnits * msPerUnit,
                maxJitterUnits * msPerUnit, audioFrames, toneFrames, undecodable);
    }

    /**
     * @param received    packets received
     * @param lost        expected minus received (duplicates can hide losses, as in RFC 3550 A.3)
     * @param expected    from the sequence numbers seen, per SSRC
     * @param jitterMs    last interarrival jitter estimate (computed in the codec's clock units)
     * @param maxJitterMs largest estimate during the call
     * @param audioFrames frames of the answer's audio payload type received and decoded
     * @param toneFrames  of those, frames that carry the test tone
     * @param undecodable Opus packets the decoder refused
     */
    record Result(long received, long lost, long expected, double jitterMs, double maxJitterMs, long audioFrames,
                  long toneFrames, long undecodable) {
        double lossRatio() {
            return expected == 0 ? 0 : (double) lost / expected;
        }
    }
}
