package org.voxgate.lab.load;

import java.nio.charset.StandardCharsets;

/** Text of the requests and responses the load UAC sends (RFC 3261 section 8.1.1), CRLF line ends. */
final class SipRequests {
    private SipRequests() {}

    /** The fields that stay the same through one call's dialog. */
    record Dialog(String localHost, int localPort, String targetHost, int targetPort, String user, String callId,
                  String fromTag, String transport) {
        Dialog(String localHost, int localPort, String targetHost, int targetPort, String user, String callId,
               String fromTag) {
            this(localHost, localPort, targetHost, targetPort, user, callId, fromTag, "UDP");
        }

        /** ";transport=tls" for TLS (RFC 3261 section 19.1.1), empty for UDP. */
        String uriParams() {
            return transport.equals("UDP") ? "" : ";transport=" + transport.toLowerCase(java.util.Locale.ROOT);
        }

        String requestUri() {
            return "sip:" + user + "@" + targetHost + ":" + targetPort + uriParams();
        }

        String from() {
            return "<sip:lab@" + localHost + ":" + localPort + ">;tag=" + fromTag;
        }

        String to(String toTag) {
            return "<sip:" + user + "@" + targetHost + ":" + targetPort + ">" + (toTag == null ? "" : ";tag=" + toTag);
        }
    }

    static String request(String method, String uri, Dialog d, String branch, int cseq, String cseqMethod,
                          String toTag, String contentType, String body) {
        StringBuilder b = new StringBuilder(600)
                .append(method).append(' ').append(uri).append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/").append(d.transport()).append(' ').append(d.localHost()).append(':').append(d.localPort())
                .append(";branch=").append(branch).append(";rport\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: ").append(d.from()).append("\r\n")
                .append("To: ").append(d.to(toTag)).append("\r\n")
                .append("Call-ID: ").append(d.callId()).append("\r\n")
                .append("CSeq: ").append(cseq).append(' ').append(cseqMethod).append("\r\n")
                .append("Contact: <sip:lab@").append(d.localHost()).append(':').append(d.localPort()).append(d.uriParams()).append(">\r\n")
                .append("User-Agent: voxgate-lab\r\n");
        return withBody(b, contentType, body);
    }

    /** The SDP offer: PCMU and telephone-event, 20 ms (RFC 4566, RFC 3264, RFC 4733). */
    static String offer(String host, int rtpPort, long sessionId) {
        return offer(host, rtpPort, sessionId, null);
    }

    /**
     * The SDP offer; with {@code cryptoLine} ("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:...",
     * RFC 4568 section 9.1) the m-line says RTP/SAVP and carries it.
     */
    static String offer(String host, int rtpPort, long sessionId, String cryptoLine) {
        String ipv = host.indexOf(':') >= 0 ? "IP6" : "IP4";
        return "v=0\r\n"
                + "o=lab " + sessionId + " 1 IN " + ipv + " " + host + "\r\n"
                + "s=-\r\n"
                + "c=IN " + ipv + " " + host + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + rtpPort + (cryptoLine == null ? " RTP/AVP" : " RTP/SAVP") + " 0 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-15\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n"
                + (cryptoLine == null ? "" : cryptoLine + "\r\n");
    }

    /** A response to a request the node sent us (BYE, OPTIONS, INFO): transaction headers echoed. */
    static String response(SipMessage request, int status, String reason) {
        StringBuilder b = new StringBuilder(400).append("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        for (String via : request.all("via")) {
            b.append("Via: ").append(via).append("\r\n");
        }
        for (String h : new String[] {"From", "To", "Call-ID", "CSeq"}) {
            b.append(h).append(": ").append(request.header(h)).append("\r\n");
        }
        return withBody(b, null, null);
    }

    private static String withBody(StringBuilder b, String contentType, String body) {
        String content = body == null ? "" : body;
        if (contentType != null) {
            b.append("Content-Type: ").append(contentType).append("\r\n");
        }
        b.append("Content-Length: ").append(content.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n")
                .append(content);
        return b.toString();
    }

    /** The first a=crypto line of the m=audio section of an SDP answer, or null. */
    static String cryptoLine(String sdp) {
        boolean audio = false;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                audio = line.startsWith("m=audio ");
            } else if (audio && line.startsWith("a=crypto:")) {
                return line.trim();
            }
        }
        return null;
    }

    /** Remote RTP address of an SDP answer: c= host and m=audio port; null when missing. */
    static java.net.InetSocketAddress mediaAddress(String sdp) {
        String host = null;
        int port = -1;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("c=IN ") && host == null) {
                String[] f = line.split(" ");
                if (f.length >= 3) {
                    host = f[2].trim();
                }
            } else if (line.startsWith("m=audio ")) {
                try {
                    port = Integer.parseInt(line.split(" ")[1]);
                } catch (RuntimeException e) {
                    return null;
                }
            }
        }
        return host == null || port <= 0 ? null : new java.net.InetSocketAddress(host, port);
    }
}
