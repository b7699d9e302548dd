package org.voxgate.bridge.internal.bridge;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.voxgate.bridge.BridgeConfig;
import org.voxgate.bridge.internal.leg.BridgeTuning;

/** Bridge settings for tests: loopback, a random port block (builders share the machine). */
final class Bridges {
    private Bridges() {}

    static BridgeConfig config(Duration mediaTimeout) {
        int base = 20_000 + 2 * ThreadLocalRandom.current().nextInt(15_000);
        InetAddress lo = InetAddress.getLoopbackAddress();
        return new BridgeConfig(lo, lo, base, base + 199, mediaTimeout, 1, List.of("PCMU", "PCMA"), 20, 200);
    }

    static BridgeTuning tuning() {
        return new BridgeTuning(2_000, 500, 2, 2);
    }
}
