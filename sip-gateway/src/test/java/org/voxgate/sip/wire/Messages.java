package org.voxgate.sip.wire;

/** Text of SIP requests tests send; CRLF line ends, Content-Length computed. */
public final class Messages {
    private Messages() {
    }

    public static final String PCMU_OFFER = "v=0\r\no=caller 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 6000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";

    /** A dialog's identity from the caller's side. */
    public record Dialog(int localPort, int gatewayPort, String callId, String fromTag, String toTag) {
        public Dialog withToTag(String tag) {
            return new Dialog(localPort, gatewayPort, callId, fromTag, tag);
        }
    }

    public static Dialog newDialog(int localPort, int gatewayPort) {
        return new Dialog(localPort, gatewayPort, "c-" + UdpSipClient.token() + "@127.0.0.1", "f" + UdpSipClient.token(), null);
    }

    /**
     * @param user         called number (Request-URI user)
     * @param extraHeaders lines ending in CRLF, or ""
     * @param contentType  or null for no body
     */
    public static String request(String method, String user, Dialog d, int cseq, String cseqMethod, String branch,
                                 String extraHeaders, String contentType, String body) {
        StringBuilder b = new StringBuilder()
                .append(method).append(" sip:").append(user).append("@127.0.0.1:").append(d.gatewayPort()).append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP 127.0.0.1:").append(d.localPort()).append(";branch=z9hG4bK").append(branch).append(";rport\r\n")
                .append("From: <sip:caller@127.0.0.1:").append(d.localPort()).append(">;tag=").append(d.fromTag()).append("\r\n")
                .append("To: <sip:").append(user).append("@127.0.0.1:").append(d.gatewayPort()).append(">")
                .append(d.toTag() == null ? "" : ";tag=" + d.toTag()).append("\r\n")
                .append("Call-ID: ").append(d.callId()).append("\r\n")
                .append("CSeq: ").append(cseq).append(" ").append(cseqMethod).append("\r\n")
                .append("Contact: <sip:caller@127.0.0.1:").append(d.localPort()).append(">\r\n")
                .append("Max-Forwards: 70\r\n")
                .append(extraHeaders);
        String content = body == null ? "" : body;
        if (contentType != null) {
            b.append("Content-Type: ").append(contentType).append("\r\n");
        }
        b.append("Content-Length: ").append(content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).append("\r\n\r\n").append(content);
        return b.toString();
    }

    public static String invite(String user, Dialog d, String extraHeaders, String sdp) {
        return request("INVITE", user, d, 1, "INVITE", UdpSipClient.token(), extraHeaders,
                sdp == null ? null : "application/sdp", sdp);
    }

    public static String inDialog(String method, Dialog d, int cseq, String extra, String contentType, String body) {
        return request(method, "voxgate", d, cseq, method, UdpSipClient.token(), extra, contentType, body);
    }

    public static String ack(Dialog d, int cseq) {
        return request("ACK", "voxgate", d, cseq, "ACK", UdpSipClient.token(), "", null, null);
    }

    public static String options(int localPort, int gatewayPort) {
        return request("OPTIONS", "conf", newDialog(localPort, gatewayPort), 1, "OPTIONS", UdpSipClient.token(), "", null, null);
    }

    /** 200 OK to a request we received, echoing its transaction headers. */
    public static String okTo(UdpSipClient.SipMessage request) {
        StringBuilder b = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String h : new String[] {"Via", "From", "To", "Call-ID", "CSeq"}) {
            b.append(h).append(": ").append(request.header(h)).append("\r\n");
        }
        return b.append("Content-Length: 0\r\n\r\n").toString();
    }
}
