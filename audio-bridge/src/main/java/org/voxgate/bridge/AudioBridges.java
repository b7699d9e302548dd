package org.voxgate.bridge;

import java.util.function.LongSupplier;

import org.voxgate.bridge.api.MediaBridge;
import org.voxgate.bridge.internal.bridge.DefaultMediaBridge;
import org.voxgate.bridge.internal.leg.BridgeTuning;

/** Factory of {@link MediaBridge}s. */
public final class AudioBridges {
    private AudioBridges() {}

    /**
     * Starts a bridge: Netty event loops (epoll when available), {@code config.mixerThreads()}
     * media clock threads and listener threads. Close it to release them.
     */
    public static MediaBridge create(BridgeConfig config) {
        return create(config, System::nanoTime);
    }

    /**
     * As {@link #create(BridgeConfig)}, with the nanosecond clock used for arrival times, jitter
     * and the media timeout ({@code System::nanoTime} in production). Mixer ticks always follow
     * the real clock.
     */
    public static MediaBridge create(BridgeConfig config, LongSupplier nanoClock) {
        return new DefaultMediaBridge(config, nanoClock, BridgeTuning.defaults());
    }
}
