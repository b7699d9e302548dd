package org.voxgate.bridge;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the audio bridge, built by the server from its configuration.
 *
 * @param bindAddress       address RTP/RTCP sockets bind to
 * @param advertisedAddress address written into SDP c= lines (the bind address unless NAT)
 * @param rtpPortMin        first port of the RTP range (even)
 * @param rtpPortMax        last port of the RTP range
 * @param mediaTimeout      no RTP/RTCP for this long hangs up the leg
 * @param mixerThreads      conference clock threads
 * @param codecs            codec preference, best first ("PCMU", "PCMA")
 * @param jitterMinMs       smallest jitter buffer target delay
 * @param jitterMaxMs       largest jitter buffer delay
 * @param tcpMedia          RTP over TCP/TLS (RFC 4571); {@link TcpMediaConfig#DISABLED} unless set
 */
public record BridgeConfig(InetAddress bindAddress, InetAddress advertisedAddress,
                           int rtpPortMin, int rtpPortMax, Duration mediaTimeout,
                           int mixerThreads, List<String> codecs,
                           int jitterMinMs, int jitterMaxMs, TcpMediaConfig tcpMedia) {
    public BridgeConfig {
        Objects.requireNonNull(tcpMedia, "tcpMedia");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertisedAddress, "advertisedAddress");
        Objects.requireNonNull(mediaTimeout, "mediaTimeout");
        codecs = List.copyOf(codecs);
        if (rtpPortMin < 1024 || rtpPortMax > 65535 || rtpPortMin + 1 > rtpPortMax) {
            throw new IllegalArgumentException("RTP port range must lie in 1024..65535 and hold at least one pair");
        }
        if (mixerThreads < 1) {
            throw new IllegalArgumentException("mixerThreads must be at least 1");
        }
        if (jitterMinMs < 0 || jitterMaxMs < jitterMinMs) {
            throw new IllegalArgumentException("jitter buffer bounds must satisfy 0 <= min <= max");
        }
    }

    /** Settings without RTP over TCP. */
    public BridgeConfig(InetAddress bindAddress, InetAddress advertisedAddress, int rtpPortMin, int rtpPortMax,
                        Duration mediaTimeout, int mixerThreads, List<String> codecs, int jitterMinMs, int jitterMaxMs) {
        this(bindAddress, advertisedAddress, rtpPortMin, rtpPortMax, mediaTimeout, mixerThreads, codecs, jitterMinMs,
                jitterMaxMs, TcpMediaConfig.DISABLED);
    }

    /** A copy with RTP over TCP set as given. */
    public BridgeConfig withTcpMedia(TcpMediaConfig tcp) {
        return new BridgeConfig(bindAddress, advertisedAddress, rtpPortMin, rtpPortMax, mediaTimeout, mixerThreads,
                codecs, jitterMinMs, jitterMaxMs, tcp);
    }
}
