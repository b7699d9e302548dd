package org.voxgate.bridge.internal.sdp;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.voxgate.bridge.api.SdpException;

/**
 * Parses SDP text (RFC 4566 section 5). Strict on what offer/answer depends on (v= first,
 * o= present, well-formed m= and c= lines, numeric ports and payload types); forgiving of what
 * it does not use (unknown lines and attributes are skipped). Throws only {@link SdpException}.
 *
 * <pre>
 *   v=0
 *   o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; IN IP4 &lt;address&gt;
 *   s=&lt;session name&gt;
 *   c=IN IP4 &lt;address&gt;          (session level, or in each m= section)
 *   t=0 0
 *   m=audio &lt;port&gt;[/&lt;count&gt;] RTP/AVP &lt;fmt&gt; ...
 *   a=rtpmap:&lt;pt&gt; &lt;encoding&gt;/&lt;clock rate&gt;[/&lt;channels&gt;]
 *   a=fmtp:&lt;pt&gt; &lt;parameters&gt;
 *   a=ptime:&lt;ms&gt;
 *   a=rtcp:&lt;port&gt; [IN IP4 &lt;address&gt;]    (RFC 3605)
 *   a=sendrecv | sendonly | recvonly | inactive
 *   a=crypto:&lt;tag&gt; &lt;suite&gt; inline:&lt;key||salt&gt;...   (RFC 4568, kept unparsed)
 *   a=fingerprint:&lt;hash&gt; &lt;hex:hex:...&gt;        (RFC 8122, session or media level)
 *   a=setup:active | passive | actpass | holdconn (RFC 4145, session or media level)
 *   a=rtcp-mux                                 (RFC 5761)
 *   a=connection:new | existing                (RFC 4145 section 5, media level)
 *   a=ssrc:&lt;ssrc-id&gt; &lt;attribute&gt;[:&lt;value&gt;]   (RFC 5576, ids kept)
 * </pre>
 */
public final class SdpParser {
    /** Largest SDP body we read; anything bigger is refused before parsing. */
    public static final int MAX_LENGTH = 16 * 1024;

    private SdpParser() {}

    public static SessionDescription parse(String text) throws SdpException {
        if (text == null || text.isEmpty()) {
            throw malformed(0, "empty SDP");
        }
        if (text.length() > MAX_LENGTH) {
            throw malformed(0, "SDP longer than " + MAX_LENGTH + " characters");
        }
        SessionDescription sd = new SessionDescription();
        MediaDescription current = null;
        boolean sawVersion = false;
        boolean sawOrigin = false;
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int lineNo = n + 1;
            if (line.isEmpty()) {
                continue; // trailing CRLF, blank lines from sloppy stacks
            }
            if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                throw malformed(lineNo, "not a <type>=<value> line");
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (!sawVersion) {
                if (type != 'v' || !value.trim().equals("0")) {
                    throw malformed(lineNo, "SDP must start with v=0");
                }
                sawVersion = true;
                continue;
            }
            switch (type) {
                case 'o' -> {
                    parseOrigin(sd, value, lineNo);
                    sawOrigin = true;
                }
                case 'c' -> {
                    InetAddress address = parseConnection(value, lineNo);
                    if (current == null) {
                        sd.connection = address;
                    } else {
                        current.connection = address;
                    }
                }
                case 'm' -> {
                    current = parseMedia(value, lineNo);
                    sd.media.add(current);
                }
                case 'a' -> parseAttribute(sd, current, value, lineNo);
                default -> {
                    // s=, t=, i=, b=, k=, ... carry nothing offer/answer needs here.
                }
            }
        }
        if (!sawVersion) {
            throw malformed(0, "no v= line");
        }
        if (!sawOrigin) {
            throw malformed(0, "no o= line");
        }
        return sd;
    }

    private static void parseOrigin(SessionDescription sd, String value, int lineNo) throws SdpException {
        String[] f = value.trim().split(" +");
        if (f.length != 6) {
            throw malformed(lineNo, "o= needs 6 fields");
        }
        sd.originUser = f[0];
        sd.originSessionId = f[1];
        sd.originVersion = parseLong(f[2], lineNo, "o= version");
    }

    private static InetAddress parseConnection(String value, int lineNo) throws SdpException {
        String[] f = value.trim().split(" +");
        if (f.length != 3 || !f[0].equals("IN")) {
            throw malformed(lineNo, "c= must be 'IN IP4|IP6 <address>'");
        }
        String address = f[2];
        int slash = address.indexOf('/');
        if (slash >= 0) {
            address = address.substring(0, slash); // multicast TTL / count
        }
        return parseAddress(f[1], address, lineNo);
    }

    static InetAddress parseAddress(String addrType, String address, int lineNo) throws SdpException {
        try {
            if (addrType.equals("IP4") && isIpv4Literal(address)) {
                return InetAddress.getByName(address);
            }
            if (addrType.equals("IP6") && !address.isEmpty() && address.indexOf(':') >= 0
                    && address.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 || ch == ':' || ch == '.')) {
                return InetAddress.getByName(address);
            }
        } catch (UnknownHostException e) {
            // fall through: not a literal
        }
        throw malformed(lineNo, "connection address must be an " + addrType + " literal: " + truncate(address));
    }

    private static boolean isIpv4Literal(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(ch -> ch >= '0' && ch <= '9')
                    || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static MediaDescription parseMedia(String value, int lineNo) throws SdpException {
        String[] f = value.trim().split(" +");
        if (f.length < 4) {
            throw malformed(lineNo, "m= needs media, port, proto and at least one format");
        }
        MediaDescription m = new MediaDescription();
        m.media = f[0];
        String port = f[1];
        int slash = port.indexOf('/');
        if (slash >= 0) {
            parseInt(port.substring(slash + 1), lineNo, "m= port count");
            port = port.substring(0, slash);
        }
        m.port = parseInt(port, lineNo, "m= port");
        if (m.port > 65535) {
            throw malformed(lineNo, "m= port out of range");
        }
        m.proto = f[2];
        for (int i = 3; i < f.length; i++) {
            m.formats.add(f[i]);
        }
        return m;
    }

    private static void parseAttribute(SessionDescription sd, MediaDescription m, String value, int lineNo)
            throws SdpException {
        int colon = value.indexOf(':');
        String name = colon < 0 ? value.trim() : value.substring(0, colon);
        String arg = colon < 0 ? "" : value.substring(colon + 1).trim();
        Direction d = Direction.fromAttribute(name);
        if (d != null) {
            if (m == null) {
                sd.direction = d;
            } else {
                m.direction = d;
            }
            return;
        }
        if (name.equals("fingerprint") || name.equals("setup")) {
            // RFC 8122 section 5 and RFC 4145 section 4: session or media level
            String v = arg.trim();
            if (v.isEmpty() || v.length() > 200) {
                throw malformed(lineNo, "a=" + name + " needs a value");
            }
            if (name.equals("fingerprint")) {
                if (m == null) {
                    sd.fingerprint = v;
                } else {
                    m.fingerprint = v;
                }
            } else if (m == null) {
                sd.setup = v;
            } else {
                m.setup = v;
            }
            return;
        }
        if (m == null) {
            return;
        }
        switch (name) {
            case "crypto" -> {
                // RFC 4568 section 9.1; the value is checked by SdesCrypto when the stream is chosen
                if (m.cryptos.size() < 32) {
                    m.cryptos.add(arg);
                }
            }
            case "rtcp-mux" -> m.rtcpMux = true;
            case "ssrc" -> {
                // RFC 5576 section 4.1: a=ssrc:<ssrc-id> <attribute>[:<value>]. Forgiving: an
                // unreadable id is ignored (it only helps to match a TCP connection).
                String id = arg.split(" ", 2)[0];
                try {
                    long ssrc = Long.parseLong(id);
                    if (ssrc >= 0 && ssrc <= 0xFFFF_FFFFL && !m.ssrcs.contains(ssrc) && m.ssrcs.size() < 16) {
                        m.ssrcs.add(ssrc);
                    }
                } catch (NumberFormatException e) {
                    // ignored
                }
            }
            case "connection" -> m.connectionAttribute = arg.trim(); // RFC 4145 section 5: new | existing
            case "rtpmap" -> {
                String[] f = arg.split(" +", 2);
                if (f.length != 2) {
                    throw malformed(lineNo, "a=rtpmap needs '<pt> <encoding>/<rate>'");
                }
                int pt = parsePayloadType(f[0], lineNo);
                String[] enc = f[1].trim().split("/", -1);
                if (enc.length < 2 || enc.length > 3 || enc[0].isEmpty()) {
                    throw malformed(lineNo, "a=rtpmap encoding must be <name>/<rate>[/<channels>]");
                }
                int rate = parseInt(enc[1], lineNo, "a=rtpmap clock rate");
                int channels = enc.length == 3 ? parseInt(enc[2], lineNo, "a=rtpmap channels") : 1;
                m.rtpmaps.put(pt, new MediaDescription.RtpMap(enc[0], rate, channels));
            }
            case "fmtp" -> {
                String[] f = arg.split(" +", 2);
                int pt = parsePayloadType(f[0], lineNo);
                m.fmtps.put(pt, f.length == 2 ? f[1].trim() : "");
            }
            case "ptime" -> {
                // Forgiving: an unreadable ptime is ignored (it is only a preference).
                try {
                    int ms = Integer.parseInt(arg);
                    m.ptimeMs = ms > 0 ? ms : -1;
                } catch (NumberFormatException e) {
                    m.ptimeMs = -1;
                }
            }
            case "rtcp" -> {
                String[] f = arg.split(" +");
                int port = parseInt(f[0], lineNo, "a=rtcp port");
                if (port > 65535) {
                    throw malformed(lineNo, "a=rtcp port out of range");
                }
                m.rtcpPort = port;
                if (f.length == 4 && f[1].equals("IN")) {
                    m.rtcpAddress = parseAddress(f[2], f[3], lineNo);
                } else if (f.length != 1) {
                    throw malformed(lineNo, "a=rtcp must be '<port> [IN IP4|IP6 <address>]'");
                }
            }
            default -> {
                // other attributes are not ours to judge
            }
        }
    }

    private static int parsePayloadType(String s, int lineNo) throws SdpException {
        int pt = parseInt(s, lineNo, "payload type");
        if (pt > 127) {
            throw malformed(lineNo, "payload type above 127");
        }
        return pt;
    }

    private static int parseInt(String s, int lineNo, String what) throws SdpException {
        long v = parseLong(s, lineNo, what);
        if (v > Integer.MAX_VALUE) {
            throw malformed(lineNo, what + " too large");
        }
        return (int) v;
    }

    private static long parseLong(String s, int lineNo, String what) throws SdpException {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw malformed(lineNo, what + " is not a number: " + truncate(s));
        }
        return Long.parseLong(s);
    }

    private static String truncate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    static SdpException malformed(int lineNo, String message) {
        return new SdpException(399, true, lineNo > 0 ? "SDP line " + lineNo + ": " + message : message);
    }
}
