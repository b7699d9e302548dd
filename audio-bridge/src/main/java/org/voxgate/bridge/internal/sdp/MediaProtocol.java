package org.voxgate.bridge.internal.sdp;

import java.util.Locale;

/**
 * The m= line transport protocols this bridge knows (RFC 3551, RFC 3711 section 12, RFC 5764
 * section 8; over TCP RFC 4571 and RFC 7850).
 */
public enum MediaProtocol {
    /** Plain RTP. */
    RTP_AVP("RTP/AVP"),
    /** SRTP keyed by SDES a=crypto (RFC 4568). */
    RTP_SAVP("RTP/SAVP"),
    /** SRTP keyed by DTLS (RFC 5764 section 8, RFC 5763). */
    UDP_TLS_RTP_SAVP("UDP/TLS/RTP/SAVP"),
    /**
     * RTP/SAVP with the feedback profile (RFC 5124), keyed by SDES. We answer it as offered and
     * send regular RTCP reports only, which RFC 4585 section 3.5 allows.
     */
    RTP_SAVPF("RTP/SAVPF"),
    /** UDP/TLS/RTP/SAVP with the feedback profile (RFC 5764 section 8), as WebRTC and baresip offer it. */
    UDP_TLS_RTP_SAVPF("UDP/TLS/RTP/SAVPF"),
    /** RTP in RFC 4571 frames over TCP (RFC 4571). */
    TCP_RTP_AVP("TCP/RTP/AVP"),
    /** SRTP keyed by SDES, in RFC 4571 frames over TCP (RFC 7850). */
    TCP_RTP_SAVP("TCP/RTP/SAVP"),
    /** TCP/RTP/SAVP with the feedback profile (RFC 7850); answered as offered, regular RTCP only. */
    TCP_RTP_SAVPF("TCP/RTP/SAVPF"),
    /** Plain RTP in RFC 4571 frames inside TLS over TCP (RFC 7850). */
    TCP_TLS_RTP_AVP("TCP/TLS/RTP/AVP"),
    /** TCP/TLS/RTP/AVP with the feedback profile (RFC 7850); answered as offered, regular RTCP only. */
    TCP_TLS_RTP_AVPF("TCP/TLS/RTP/AVPF"),
    /** Anything else (RTP/AVPF, TCP/DTLS/..., unknown). */
    OTHER("?");

    private final String token;

    MediaProtocol(String token) {
        this.token = token;
    }

    /** Whether keys come from SDES a=crypto lines. */
    public boolean sdes() {
        return this == RTP_SAVP || this == RTP_SAVPF || this == TCP_RTP_SAVP || this == TCP_RTP_SAVPF;
    }

    /** Whether media is plain RTP (no SRTP), over UDP, TCP or TLS. */
    public boolean plain() {
        return this == RTP_AVP || this == TCP_RTP_AVP || this == TCP_TLS_RTP_AVP || this == TCP_TLS_RTP_AVPF;
    }

    /** Whether media travels in RFC 4571 frames over a TCP connection. */
    public boolean tcp() {
        return this == TCP_RTP_AVP || this == TCP_RTP_SAVP || this == TCP_RTP_SAVPF || tls();
    }

    /** Whether that TCP connection carries TLS (RFC 7850 TCP/TLS/...). */
    public boolean tls() {
        return this == TCP_TLS_RTP_AVP || this == TCP_TLS_RTP_AVPF;
    }

    /** Whether keys come from a DTLS handshake. */
    public boolean dtls() {
        return this == UDP_TLS_RTP_SAVP || this == UDP_TLS_RTP_SAVPF;
    }

    /** The proto token as SDP writes it. */
    public String token() {
        return token;
    }

    public static MediaProtocol of(String proto) {
        String p = proto == null ? "" : proto.toUpperCase(Locale.ROOT);
        for (MediaProtocol m : values()) {
            if (m.token.equals(p)) {
                return m;
            }
        }
        return OTHER;
    }
}
