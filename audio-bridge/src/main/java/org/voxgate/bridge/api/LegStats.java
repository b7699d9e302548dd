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
 */
public record LegStats(String codec, long packetsReceived, long packetsSent, long packetsLost,
                       long packetsDropped, double jitterMs) {
}
