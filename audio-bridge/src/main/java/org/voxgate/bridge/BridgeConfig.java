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
 * @param opusFecJitterMinMs smallest jitter buffer target delay of an Opus leg whose answer asked
 *                          for in-band FEC ({@code useinbandfec=1}, RFC 7587 section 6.1): FEC
 *                          rebuilds a lost packet from the next one, which must then already be
 *                          buffered, so at least two 20 ms packets (40 ms, the default); 0 leaves
 *                          such legs at {@code jitterMinMs}
 * @param tcpMedia          RTP over TCP/TLS (RFC 4571); {@link TcpMediaConfig#DISABLED} unless set
 */
public record BridgeConfig(InetAddress bindAddress, InetAddress advertisedAddress,
                           int rtpPortMin, int rtpPortMax, Duration mediaTimeout,
                           int mixerThreads, List<String> codecs,
                           int jitterMinMs, int jitterMaxMs, int opusFecJitterMinMs,
                           TcpMediaConfig tcpMedia) {
    /** Opus FEC legs buffer at least this much unless configured otherwise. */
    public static final int DEFAULT_OPUS_FEC_JITTER_MIN_MS = 40;

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
        if (opusFecJitterMinMs < 0 || opusFecJitterMinMs > 500) {
            throw new IllegalArgumentException("opusFecJitterMinMs must lie in 0..500");
        }
    }

    /** Settings with {@link #DEFAULT_OPUS_FEC_JITTER_MIN_MS} for Opus FEC legs. */
    public BridgeConfig(InetAddress bindAddress, InetAddress advertisedAddress, int rtpPortMin, int rtpPortMax,
                        Duration mediaTimeout, int mixerThreads, List<String> codecs, int jitterMinMs,
                        int jitterMaxMs) {
        this(bindAddress, advertisedAddress, rtpPortMin, rtpPortMax, mediaTimeout, mixerThreads, codecs, jitterMinMs,
                jitterMaxMs, DEFAULT_OPUS_FEC_JITTER_MIN_MS);
    }

    /** Settings without RTP over TCP. */
    public BridgeConfig(InetAddress bindAddress, InetAddress advertisedAddress, int rtpPortMin, int rtpPortMax,
                        Duration mediaTimeout, int mixerThreads, List<String> codecs, int jitterMinMs, int jitterMaxMs,
                        int opusFecJitterMinMs) {
        this(bindAddress, advertisedAddress, rtpPortMin, rtpPortMax, mediaTimeout, mixerThreads, codecs, jitterMinMs,
                jitterMaxMs, opusFecJitterMinMs, TcpMediaConfig.DISABLED);
    }

    /** Settings with {@link #DEFAULT_OPUS_FEC_JITTER_MIN_MS} for Opus FEC legs. */
    public BridgeConfig(InetAddress bindAddress, InetAddress advertisedAddress, int rtpPortMin, int rtpPortMax,
                        Duration mediaTimeout, int mixerThreads, List<String> codecs, int jitterMinMs, int jitterMaxMs,
                        TcpMediaConfig tcpMedia) {
        this(bindAddress, advertisedAddress, rtpPortMin, rtpPortMax, mediaTimeout, mixerThreads, codecs, jitterMinMs,
                jitterMaxMs, DEFAULT_OPUS_FEC_JITTER_MIN_MS, tcpMedia);
    }

    /** A copy with RTP over TCP set as given. */
    public BridgeConfig withTcpMedia(TcpMediaConfig tcp) {
        return new BridgeConfig(bindAddress, advertisedAddress, rtpPortMin, rtpPortMax, mediaTimeout, mixerThreads,
                codecs, jitterMinMs, jitterMaxMs, opusFecJitterMinMs, tcp);
    }
}
