package org.voxgate.bridge.internal.sdp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One parsed m= section (RFC 4566 section 5.14) with the attributes we use. */
public final class MediaDescription {
    /** An a=rtpmap entry (RFC 4566 section 6). */
    public record RtpMap(String encodingName, int clockRateHz, int channels) {
    }

    String media;
    int port;
    String proto;
    final List<String> formats = new ArrayList<>();
    InetAddress connection;
    final Map<Integer, RtpMap> rtpmaps = new HashMap<>();
    final Map<Integer, String> fmtps = new HashMap<>();
    Direction direction;
    int ptimeMs = -1;
    int rtcpPort = -1;
    InetAddress rtcpAddress;
    final List<String> cryptos = new ArrayList<>();
    String fingerprint;
    String setup;
    boolean rtcpMux;
    final List<Long> ssrcs = new ArrayList<>();
    String connectionAttribute;

    public String media() {
        return media;
    }

    /** 0 means rejected or disabled (RFC 3264 section 6). */
    public int port() {
        return port;
    }

    public String proto() {
        return proto;
    }

    public List<String> formats() {
        return formats;
    }

    /** Media-level c= address, or null (then the session-level one applies). */
    public InetAddress connection() {
        return connection;
    }

    public Map<Integer, RtpMap> rtpmaps() {
        return rtpmaps;
    }

    public Map<Integer, String> fmtps() {
        return fmtps;
    }

    /** Media-level direction, or null. */
    public Direction direction() {
        return direction;
    }

    /** a=ptime, or -1. */
    public int ptimeMs() {
        return ptimeMs;
    }

    /** a=rtcp port (RFC 3605), or -1. */
    public int rtcpPort() {
        return rtcpPort;
    }

    public InetAddress rtcpAddress() {
        return rtcpAddress;
    }

    /** Values of the a=crypto lines (RFC 4568 section 9.1), unparsed, in offer order. */
    public List<String> cryptos() {
        return cryptos;
    }

    /** Media-level a=fingerprint value (RFC 8122), or null. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Media-level a=setup value (RFC 4145 section 4), or null. */
    public String setup() {
        return setup;
    }

    /** SSRC ids of the a=ssrc lines (RFC 5576 section 4.1), in order, at most 16. */
    public List<Long> ssrcs() {
        return ssrcs;
    }

    /** Value of a=connection (RFC 4145 section 5: "new" or "existing"), or null. */
    public String connectionAttribute() {
        return connectionAttribute;
    }

    /** Whether a=rtcp-mux was present (RFC 5761 section 5.1.1). */
    public boolean rtcpMux() {
        return rtcpMux;
    }
}
