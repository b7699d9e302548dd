package org.voxgate.sip.internal.mime;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Finds one part of a multipart body.
 *
 * <pre>
 * --boundary CRLF
 * Content-Type: application/sdp CRLF      part headers
 * CRLF
 * v=0 ...                                  part body
 * CRLF --boundary CRLF
 * Content-Type: application/isup;version=itu-t92+
 * CRLF
 * (binary)
 * CRLF --boundary-- CRLF                   close delimiter
 * </pre>
 *
 * Bytes are handled as ISO-8859-1 characters, one to one, so binary parts pass through
 * unharmed. At most {@value #MAX_PARTS} parts are looked at.
 */
public final class Multipart {
    static final int MAX_PARTS = 16;

    private Multipart() {
    }

    /**
     * @param boundary   the boundary parameter of the Content-Type, 1..70 characters (RFC 2046)
     * @param body       the whole body
     * @param wantedType "type/subtype", case-insensitive, parameters ignored
     * @return the first part of that type, or null when there is none or the body is not a
     *     well-formed multipart body
     */
    public static byte[] findPart(String boundary, byte[] body, String wantedType) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70 || body == null) {
            return null;
        }
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int at = text.startsWith(delimiter) ? 0 : text.indexOf("\r\n" + delimiter);
        if (at < 0) {
            return null;
        }
        at = at == 0 ? delimiter.length() : at + 2 + delimiter.length();
        String wanted = wantedType.toLowerCase(Locale.ROOT);
        for (int part = 0; part < MAX_PARTS; part++) {
            if (text.startsWith("--", at)) {
                return null; // close delimiter: no such part
            }
            int lineEnd = text.indexOf("\r\n", at);
            if (lineEnd < 0) {
                return null;
            }
            int partStart = lineEnd + 2;
            int next = text.indexOf("\r\n" + delimiter, partStart - 2);
            if (next < partStart - 2) {
                return null;
            }
            String partText = next < partStart ? "" : text.substring(partStart, next);
            int split = partText.startsWith("\r\n") ? 0 : partText.indexOf("\r\n\r\n");
            String headers = split <= 0 ? "" : partText.substring(0, split);
            String partBody = split < 0 ? "" : partText.substring(split == 0 ? 2 : split + 4);
            if (contentType(headers).equals(wanted)) {
                return partBody.getBytes(StandardCharsets.ISO_8859_1);
            }
            at = next + 2 + delimiter.length();
        }
        return null;
    }

    /** The part's "type/subtype" in lower case; text/plain when it names none (RFC 2046 5.1). */
    private static String contentType(String headers) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                if (name.equals("content-type") || name.equals("c")) {
                    String value = line.substring(colon + 1);
                    int semi = value.indexOf(';');
                    return (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
                }
            }
        }
        return "text/plain";
    }
}
