package org.voxgate.bridge.api;

/**
 * Counters of one leg, for CDRs and metrics.
 *
 * @param codec           negotiated encoding name, or null before negotiation
 * @param packetsReceived RTP packets accepted
 * @param packetsSent     RTP packets sent
 * @param packetsLost     expected minus received (RFC 3550 appendix A.3), at least 0
 * @param packetsDropped  packets refused (malformed, wrong source, late, duplicate)
 * @param jitterMs        interarrival jitter estimate (RFC 3550 section 6.4.1)
 * @param fecRecovered    lost packets rebuilt from the next packet's forward error correction
 *                        (Opus in-band FEC, RFC 7587 section 3.2)
 * @param concealed       packet durations filled by loss concealment instead (a loss without
 *                        FEC, or a late packet)
 */
public record LegStats(String codec, long packetsReceived, long packetsSent, long packetsLost,
                       long packetsDropped, double jitterMs, long fecRecovered, long concealed) {

    /** Counters of a leg that knows nothing of loss repair (both repair counters 0). */
    public LegStats(String codec, long packetsReceived, long packetsSent, long packetsLost, long packetsDropped,
                    double jitterMs) {
        this(codec, packetsReceived, packetsSent, packetsLost, packetsDropped, jitterMs, 0, 0);
    }
}
