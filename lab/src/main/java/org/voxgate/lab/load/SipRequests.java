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
        return offer(host, rtpPort, sessionId, null, LoadCodec.PCMU);
    }

    /** A PCMU offer, see {@link #offer(String, int, long, String, LoadCodec)}. */
    static String offer(String host, int rtpPort, long sessionId, String cryptoLine) {
        return offer(host, rtpPort, sessionId, cryptoLine, LoadCodec.PCMU);
    }

    /** Payload type of telephone-event in our offers. */
    static final int OFFER_TELEPHONE_EVENT_PT = 101;
    /** Our Opus fmtp: mono both ways, in-band FEC welcome (RFC 7587 section 6.1). */
    static final String OPUS_FMTP = "useinbandfec=1; stereo=0; sprop-stereo=0";

    /**
     * The SDP offer (RFC 4566, RFC 3264): the one {@code codec} and telephone-event at the
     * codec's clock (RFC 4733 section 2.1), 20 ms. With {@code cryptoLine}
     * ("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:...", RFC 4568 section 9.1) the m-line says
     * RTP/SAVP and carries it.
     *
     * <pre>
     * m=audio 40000 RTP/AVP 111 101
     * a=rtpmap:111 opus/48000/2
     * a=fmtp:111 useinbandfec=1; stereo=0; sprop-stereo=0
     * a=rtpmap:101 telephone-event/48000
     * a=fmtp:101 0-15
     * </pre>
     */
    static String offer(String host, int rtpPort, long sessionId, String cryptoLine, LoadCodec codec) {
        String ipv = host.indexOf(':') >= 0 ? "IP6" : "IP4";
        int pt = codec.offerPayloadType();
        int te = OFFER_TELEPHONE_EVENT_PT;
        return "v=0\r\n"
                + "o=lab " + sessionId + " 1 IN " + ipv + " " + host + "\r\n"
                + "s=-\r\n"
                + "c=IN " + ipv + " " + host + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + rtpPort + (cryptoLine == null ? " RTP/AVP " : " RTP/SAVP ") + pt + " " + te + "\r\n"
                + "a=rtpmap:" + pt + " " + codec.rtpmap() + "\r\n"
                + (codec == LoadCodec.OPUS ? "a=fmtp:" + pt + " " + OPUS_FMTP + "\r\n" : "")
                + "a=rtpmap:" + te + " telephone-event/" + codec.clockRateHz() + "\r\n"
                + "a=fmtp:" + te + " 0-15\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n"
                + (cryptoLine == null ? "" : cryptoLine + "\r\n");
    }

    /**
     * What an answer's first m=audio chose for our offer (RFC 3264 section 6.1: the answerer
     * may renumber dynamic payload types, so the numbers are the answer's).
     *
     * @param payloadType           the codec's payload type
     * @param rtpmap                its a=rtpmap value ("opus/48000/2"), or the static name for 0/8 without one
     * @param telephoneEventType    telephone-event's payload type, -1 when the answer has none
     * @param telephoneEventClockHz its clock (the codec's, or 8000 as a fallback); 0 when absent
     */
    record AnswerFormats(int payloadType, String rtpmap, int telephoneEventType, int telephoneEventClockHz) {}

    /**
     * The formats of the answer's first m=audio line for {@code codec}: the first listed format
     * whose a=rtpmap names the codec at its clock (or, without an a=rtpmap, its static payload
     * type 0/8), and telephone-event at the codec's clock, else at 8000.
     *
     * @return null when the answer has no m=audio or does not list the codec
     */
    static AnswerFormats answerFormats(String sdp, LoadCodec codec) {
        java.util.List<Integer> formats = null;
        java.util.Map<Integer, String[]> rtpmaps = new java.util.HashMap<>();
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.trim();
            if (line.startsWith("m=")) {
                if (formats != null) {
                    break; // only the first audio stream
                }
                if (line.startsWith("m=audio ")) {
                    String[] f = line.split(" +");
                    formats = new java.util.ArrayList<>();
                    for (int i = 3; i < f.length; i++) {
                        int pt = payloadType(f[i]);
                        if (pt >= 0) {
                            formats.add(pt);
                        }
                    }
                }
            } else if (formats != null && line.startsWith("a=rtpmap:")) {
                // a=rtpmap:<payload type> <encoding name>/<clock rate>[/<channels>]
                int space = line.indexOf(' ');
                int pt = space < 0 ? -1 : payloadType(line.substring(9, space));
                String[] enc = space < 0 ? new String[0] : line.substring(space + 1).trim().split("/");
                if (pt >= 0 && enc.length >= 2) {
                    rtpmaps.put(pt, enc);
                }
            }
        }
        if (formats == null) {
            return null;
        }
        int chosen = -1;
        String rtpmap = null;
        for (int pt : formats) {
            String[] enc = rtpmaps.get(pt);
            if (enc != null ? codec.matches(enc[0], clock(enc[1])) : pt == codec.offerPayloadType() && pt < 96) {
                chosen = pt;
                rtpmap = enc != null ? String.join("/", enc) : codec.rtpmap();
                break;
            }
        }
        if (chosen < 0) {
            return null;
        }
        int te = -1;
        int teClock = 0;
        for (int pt : formats) {
            String[] enc = rtpmaps.get(pt);
            if (enc == null || !enc[0].equalsIgnoreCase("telephone-event")) {
                continue;
            }
            int c = clock(enc[1]);
            if (c == codec.clockRateHz()) {
                te = pt;
                teClock = c;
                break;
            }
            if (c == 8000 && te < 0) {
                te = pt;
                teClock = c;
            }
        }
        return new AnswerFormats(chosen, rtpmap, te, teClock);
    }

    private static int payloadType(String s) {
        if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return -1;
        }
        int pt = Integer.parseInt(s);
        return pt <= 127 ? pt : -1;
    }

    private static int clock(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
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
