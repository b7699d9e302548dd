package org.voxgate.sip.fake;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.voxgate.bridge.AudioBridges;
import org.voxgate.bridge.BridgeConfig;
import org.voxgate.bridge.api.MediaBridge;

/**
 * The real audio bridge on loopback, for ITs that need real RTP: {@code ports} RTP ports from a
 * random even base in 20000..29998 (below Linux's ephemeral range and away from other nodes on
 * this machine), a 30 s media timeout, 20 ms frames.
 */
public final class LoopbackBridge {
    private LoopbackBridge() {
    }

    /** With PCMU and PCMA. */
    public static MediaBridge create(int ports) {
        return create(ports, List.of("PCMU", "PCMA"));
    }

    /** With {@code codecs}, in order of preference. */
    public static MediaBridge create(int ports, List<String> codecs) {
        InetAddress lo = InetAddress.getLoopbackAddress();
        int rtpBase = 2 * ThreadLocalRandom.current().nextInt(10_000, 15_000);
        return AudioBridges.create(new BridgeConfig(lo, lo, rtpBase, rtpBase + ports - 1, Duration.ofSeconds(30), 1,
                codecs, 20, 200));
    }
}
