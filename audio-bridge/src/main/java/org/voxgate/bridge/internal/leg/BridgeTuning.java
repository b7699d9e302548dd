package org.voxgate.bridge.internal.leg;

/**
 * Internal timings that are not part of {@code BridgeConfig}; tests shorten them.
 *
 * @param latchWindowMs   how long after an answer an unsignalled source may latch
 * @param rtcpIntervalMs  mean RTCP report interval (RFC 3550 section 6.2: 5 s minimum for
 *                        fixed-rate RTP sessions is the usual choice)
 * @param ioThreads       Netty event loops
 * @param eventThreads    listener threads
 */
public record BridgeTuning(long latchWindowMs, long rtcpIntervalMs, int ioThreads, int eventThreads) {

    public static BridgeTuning defaults() {
        return new BridgeTuning(5_000, 5_000, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), 2);
    }

    public long latchWindowNanos() {
        return latchWindowMs * 1_000_000L;
    }

    public long rtcpIntervalNanos() {
        return rtcpIntervalMs * 1_000_000L;
    }
}
