package org.voxgate.bridge.internal.sdp;

import java.util.Locale;

/** The m= line transport protocols this bridge knows (RFC 3551, RFC 3711 section 12, RFC 5764 section 8). */
public enum MediaProtocol {
    /** Plain RTP. */
    RTP_AVP("RTP/AVP"),
    /** SRTP keyed by SDES a=crypto (RFC 4568). */
    RTP_SAVP("RTP/SAVP"),
    /** SRTP keyed by DTLS (RFC 5764 section 8, RFC 5763). */
    UDP_TLS_RTP_SAVP("UDP/TLS/RTP/SAVP"),
    /** Anything else (RTP/AVPF, TCP/..., unknown). */
    OTHER("?");

    private final String token;

    MediaProtocol(String token) {
        this.token = token;
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
