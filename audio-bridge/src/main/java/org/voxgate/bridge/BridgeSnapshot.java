package org.voxgate.bridge;

import java.util.Map;

/**
 * Bridge-wide counters at one moment (see {@link BridgeStatistics#snapshot()}).
 *
 * @param openLegs             legs open now
 * @param conferences          conferences live now
 * @param packetsReceived      RTP packets accepted by all legs since start
 * @param packetsSent          RTP packets sent by all legs since start
 * @param packetsLost          packets lost as the receivers count them (RFC 3550 appendix A.3), summed
 * @param lateTicks            mixer ticks that started more than half a period late, all conferences
 * @param packetsDroppedByReason datagrams refused, by drop reason name (every reason present, 0 included)
 */
public record BridgeSnapshot(int openLegs, int conferences, long packetsReceived, long packetsSent,
                             long packetsLost, long lateTicks, Map<String, Long> packetsDroppedByReason) {
    public BridgeSnapshot {
        packetsDroppedByReason = Map.copyOf(packetsDroppedByReason);
    }
}
