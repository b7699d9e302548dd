package org.voxgate.bridge.internal.leg;

import java.util.function.LongSupplier;

import org.voxgate.bridge.BridgeConfig;
import org.voxgate.bridge.internal.clock.MediaClock;
import org.voxgate.bridge.internal.event.EventDispatcher;

/**
 * What every leg of one bridge shares.
 *
 * @param config  the bridge settings
 * @param tuning  internal timings
 * @param clock   nanosecond clock for arrival times, jitter and timeouts
 * @param cname   RTCP CNAME of this bridge (RFC 3550 section 6.5.1)
 * @param prompts prompt and tone audio
 * @param encoded prompts, tones and silence encoded once per codec, shared by the legs
 * @param events  listener threads
 * @param media   media clock threads
 */
public record LegContext(BridgeConfig config, BridgeTuning tuning, LongSupplier clock, String cname,
                         PromptSource prompts, EncodedPlaybackCache encoded, EventDispatcher events,
                         MediaClock media) {
}
