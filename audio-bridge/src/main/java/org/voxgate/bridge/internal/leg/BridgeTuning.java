package org.voxgate.bridge.internal.leg;

/**
 * Internal timings that are not part of {@code BridgeConfig}; tests shorten them.
 *
 * @param latchWindowMs   how long after an answer an unsignalled source may latch
 * @param rtcpIntervalMs  mean RTCP report interval (RFC 3550 section 6.2: 5 s minimum for
 *                        fixed-rate RTP sessions is the usual choice)
 * @param ioThreads       Netty event loops
 * @param eventThreads    listener threads
 * @param conferenceIdleMs how long a conference may stay without participants, and without
 *                        being handed out by {@code MediaBridge.conference}, before it closes
 * @param idleSweepMs     how often the bridge looks for idle conferences (real time)
 */
public record BridgeTuning(long latchWindowMs, long rtcpIntervalMs, int ioThreads, int eventThreads,
                           long conferenceIdleMs, long idleSweepMs) {
    /** Default grace of an empty conference. */
    public static final long CONFERENCE_IDLE_MS = 30_000;
    /** Default sweep period. */
    public static final long IDLE_SWEEP_MS = 1_000;

    public BridgeTuning {
        if (conferenceIdleMs < 0 || idleSweepMs < 1) {
            throw new IllegalArgumentException("conferenceIdleMs >= 0 and idleSweepMs >= 1 required");
        }
    }

    /** Tuning with the default conference idle grace and sweep period. */
    public BridgeTuning(long latchWindowMs, long rtcpIntervalMs, int ioThreads, int eventThreads) {
        this(latchWindowMs, rtcpIntervalMs, ioThreads, eventThreads, CONFERENCE_IDLE_MS, IDLE_SWEEP_MS);
    }

    public static BridgeTuning defaults() {
        return new BridgeTuning(5_000, 5_000, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), 2);
    }

    public long conferenceIdleNanos() {
        return conferenceIdleMs * 1_000_000L;
    }

    public long latchWindowNanos() {
        return latchWindowMs * 1_000_000L;
    }

    public long rtcpIntervalNanos() {
        return rtcpIntervalMs * 1_000_000L;
    }
}
