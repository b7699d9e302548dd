package org.voxgate.lab.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A received SIP message, parsed just enough for a UAC: start line, headers, body.
 *
 * <pre>
 *  SIP/2.0 200 OK                       | INVITE sip:x@h SIP/2.0      start line
 *  Via: SIP/2.0/UDP h:p;branch=z9hG4bK… |                             headers, one per line,
 *  To: &lt;sip:x@h&gt;;tag=abc              |                             compact forms (t, f, i,
 *  Call-ID: …   CSeq: 1 INVITE          |                             v, m, l, c) accepted
 *  Content-Length: 123                  |
 *                                       |                             empty line (CRLF CRLF)
 *  v=0 …                                |                             body (SDP)
 * </pre>
 */
record SipMessage(String startLine, List<String[]> headers, String body) {

    /** Parses a datagram; null when it is not a SIP message. */
    static SipMessage parse(byte[] data, int length) {
        String text = new String(data, 0, length, StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 4);
        String[] lines = head.split("\r\n");
        if (lines.length == 0 || !(lines[0].startsWith("SIP/2.0 ") || lines[0].endsWith(" SIP/2.0"))) {
            return null;
        }
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {longName(lines[i].substring(0, colon).trim()), lines[i].substring(colon + 1).trim()});
            }
        }
        return new SipMessage(lines[0], headers, body);
    }

    private static String longName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "i" -> "call-id";
            case "t" -> "to";
            case "f" -> "from";
            case "v" -> "via";
            case "m" -> "contact";
            case "l" -> "content-length";
            case "c" -> "content-type";
            default -> name.toLowerCase(Locale.ROOT);
        };
    }

    boolean isResponse() {
        return startLine.startsWith("SIP/2.0 ");
    }

    /** Status code of a response; 0 when unparsable. */
    int status() {
        try {
            return Integer.parseInt(startLine.substring(8, 11));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Method of a request. */
    String method() {
        int sp = startLine.indexOf(' ');
        return sp < 0 ? startLine : startLine.substring(0, sp);
    }

    /** First value of a header (long name, any case), or "". */
    String header(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String[] h : headers) {
            if (h[0].equals(n)) {
                return h[1];
            }
        }
        return "";
    }

    /** Every value of a header, in order (Via, Record-Route). */
    List<String> all(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String[] h : headers) {
            if (h[0].equals(n)) {
                out.add(h[1]);
            }
        }
        return out;
    }

    String callId() {
        return header("call-id");
    }

    /** The method named in CSeq. */
    String cseqMethod() {
        String c = header("cseq");
        int sp = c.indexOf(' ');
        return sp < 0 ? "" : c.substring(sp + 1).trim();
    }

    /** The tag parameter of To, or null. */
    String toTag() {
        return param(header("to"), "tag");
    }

    /** The URI inside Contact's angle brackets (or the bare value), or null. */
    String contactUri() {
        String c = header("contact");
        if (c.isEmpty()) {
            return null;
        }
        int lt = c.indexOf('<');
        int gt = c.indexOf('>');
        return lt >= 0 && gt > lt ? c.substring(lt + 1, gt) : c.split(";")[0];
    }

    static String param(String headerValue, String name) {
        int gt = headerValue.lastIndexOf('>');
        String params = gt >= 0 ? headerValue.substring(gt + 1) : headerValue;
        for (String p : params.split(";")) {
            String t = p.trim();
            if (t.regionMatches(true, 0, name + "=", 0, name.length() + 1)) {
                return t.substring(name.length() + 1);
            }
        }
        return null;
    }
}
