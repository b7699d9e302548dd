package org.voxgate.sip.fake;

import java.util.ArrayList;
import java.util.List;

import org.voxgate.bridge.api.SdpException;

/**
 * Just enough RFC 4566/3264 for tests: finds the audio m-line, picks PCMU (0) or PCMA (8),
 * keeps telephone-event, mirrors the direction.
 */
final class FakeSdp {
    private FakeSdp() {
    }

    record Offer(int port, List<String> payloadTypes, String direction, int telephoneEventPt) {
    }

    static Offer parse(String sdp) throws SdpException {
        if (sdp == null || !sdp.startsWith("v=0")) {
            throw new SdpException(399, true, "SDP does not start with v=0");
        }
        Offer offer = null;
        String direction = "sendrecv";
        int te = -1;
        for (String line : sdp.split("\r?\n")) {
            if (line.length() < 2 || line.charAt(1) != '=') {
                if (!line.isBlank()) {
                    throw new SdpException(399, true, "malformed SDP line: " + line);
                }
                continue;
            }
            if (line.startsWith("m=audio ")) {
                String[] f = line.substring(2).trim().split(" +");
                if (f.length < 4) {
                    throw new SdpException(399, true, "short m= line");
                }
                int port;
                try {
                    port = Integer.parseInt(f[1]);
                } catch (NumberFormatException e) {
                    throw new SdpException(399, true, "bad m= port");
                }
                offer = new Offer(port, List.of(f).subList(3, f.length), "sendrecv", -1);
            } else if (line.matches("a=(sendrecv|sendonly|recvonly|inactive)")) {
                direction = line.substring(2);
            } else if (line.matches("a=rtpmap:\\d+ telephone-event/8000.*")) {
                te = Integer.parseInt(line.substring(9, line.indexOf(' ')));
            }
        }
        if (offer == null) {
            throw new SdpException(304, false, "no audio stream offered");
        }
        return new Offer(offer.port(), offer.payloadTypes(), direction, te);
    }

    static String mirror(String direction) {
        return switch (direction) {
            case "sendonly" -> "recvonly";
            case "recvonly" -> "sendonly";
            case "inactive" -> "inactive";
            default -> "sendrecv";
        };
    }

    static String build(long version, int port, int pt, int te, String direction) {
        List<String> pts = new ArrayList<>(List.of(Integer.toString(pt)));
        if (te >= 0) {
            pts.add(Integer.toString(te));
        }
        StringBuilder b = new StringBuilder()
                .append("v=0\r\n")
                .append("o=voxgate 4242 ").append(version).append(" IN IP4 127.0.0.1\r\n")
                .append("s=voxgate\r\n")
                .append("c=IN IP4 127.0.0.1\r\n")
                .append("t=0 0\r\n")
                .append("m=audio ").append(port).append(" RTP/AVP ").append(String.join(" ", pts)).append("\r\n")
                .append("a=rtpmap:").append(pt).append(pt == 0 ? " PCMU/8000" : " PCMA/8000").append("\r\n");
        if (te >= 0) {
            b.append("a=rtpmap:").append(te).append(" telephone-event/8000\r\n")
                    .append("a=fmtp:").append(te).append(" 0-16\r\n");
        }
        b.append("a=ptime:20\r\n").append("a=").append(direction).append("\r\n");
        return b.toString();
    }
}
