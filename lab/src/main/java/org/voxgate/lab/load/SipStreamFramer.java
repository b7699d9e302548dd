package org.voxgate.lab.load;

import java.util.Arrays;

/**
 * Cuts SIP messages out of a byte stream (TLS or TCP), RFC 3261 section 18.3: a message is its
 * headers up to the empty line, then exactly Content-Length bytes of body (the header is
 * mandatory over streams; compact form "l" accepted). CRLFs between messages (keep-alives,
 * RFC 5626 section 3.5.1) are skipped.
 *
 * <pre>
 *   INVITE sip:... SIP/2.0 CRLF
 *   Header: value CRLF            ...
 *   Content-Length: N CRLF
 *   CRLF                          &lt;- end of headers
 *   N bytes of body               &lt;- then the next message starts
 * </pre>
 *
 * One thread (the reader) uses an instance.
 */
final class SipStreamFramer {
    /** A header block larger than this without its empty line is a broken stream. */
    static final int MAX_MESSAGE_BYTES = 65_536;

    private byte[] buf = new byte[8192];
    private int start;
    private int end;

    /** Receives each whole message: {@code array[offset, offset+length)}, valid during the call only. */
    interface Sink {
        void message(byte[] array, int offset, int length);
    }

    /**
     * Adds {@code n} bytes read from the stream and hands every complete message to {@code sink}.
     *
     * @return false when the stream is broken (no Content-Length, a bad one, or a message over
     *         {@link #MAX_MESSAGE_BYTES}): the caller closes the connection
     */
    boolean feed(byte[] data, int offset, int n, Sink sink) {
        if (end + n > buf.length) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
            if (end + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, end + n));
            }
        }
        System.arraycopy(data, offset, buf, end, n);
        end += n;
        while (true) {
            while (start < end && (buf[start] == '\r' || buf[start] == '\n')) {
                start++;
            }
            int headersEnd = indexOfBlankLine(start, end);
            if (headersEnd < 0) {
                return end - start <= MAX_MESSAGE_BYTES;
            }
            long bodyBytes = contentLength(start, headersEnd);
            if (bodyBytes < 0 || headersEnd - start + bodyBytes > MAX_MESSAGE_BYTES) {
                return false;
            }
            int total = (int) (headersEnd - start + bodyBytes);
            if (end - start < total) {
                return true; // the body is still on its way
            }
            sink.message(buf, start, total);
            start += total;
            if (start == end) {
                start = 0;
                end = 0;
            }
        }
    }

    /** Index just past CRLFCRLF, or -1. */
    private int indexOfBlankLine(int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    /** Value of Content-Length (or "l") in the header block, -1 when absent or not a number. */
    private long contentLength(int from, int to) {
        int line = from;
        while (line < to) {
            int eol = line;
            while (eol + 1 < to && !(buf[eol] == '\r' && buf[eol + 1] == '\n')) {
                eol++;
            }
            int colon = -1;
            for (int i = line; i < eol; i++) {
                if (buf[i] == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon > line) {
                String name = new String(buf, line, colon - line, java.nio.charset.StandardCharsets.US_ASCII).trim();
                if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("l")) {
                    String v = new String(buf, colon + 1, eol - colon - 1, java.nio.charset.StandardCharsets.US_ASCII)
                            .trim();
                    try {
                        long len = Long.parseLong(v);
                        return len < 0 ? -1 : len;
                    } catch (NumberFormatException e) {
                        return -1;
                    }
                }
            }
            line = eol + 2;
        }
        return -1;
    }
}
