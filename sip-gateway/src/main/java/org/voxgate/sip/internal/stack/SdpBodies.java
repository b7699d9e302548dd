package org.voxgate.sip.internal.stack;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Message;

import org.voxgate.sip.internal.mime.Multipart;

/**
 * The SDP of a message: its body when {@code application/sdp}, the SDP part when
 * {@code multipart/mixed} (SIP-I/SIP-T trunks put ISUP next to it, RFC 5621), else none.
 */
final class SdpBodies {
    private SdpBodies() {
    }

    /** @return the SDP text, or null when the message carries none */
    static String sdpOf(Message m) {
        byte[] body = m.getRawContent();
        ContentTypeHeader ct = (ContentTypeHeader) m.getHeader(ContentTypeHeader.NAME);
        if (body == null || body.length == 0 || ct == null) {
            return null;
        }
        byte[] sdp = sdpBytes(ct, body);
        return sdp == null ? null : new String(sdp, StandardCharsets.UTF_8);
    }

    static byte[] sdpBytes(ContentTypeHeader ct, byte[] body) {
        String type = lower(ct.getContentType());
        String sub = lower(ct.getContentSubType());
        if (type.equals("application") && sub.equals("sdp")) {
            return body;
        }
        if (type.equals("multipart") && sub.equals("mixed")) {
            return Multipart.findPart(unquote(ct.getParameter("boundary")), body, "application/sdp");
        }
        return null;
    }

    private static String lower(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }

    private static String unquote(String s) {
        if (s != null && s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
