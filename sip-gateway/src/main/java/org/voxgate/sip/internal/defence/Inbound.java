package org.voxgate.sip.internal.defence;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What {@link Defence} needs to know of one received request, taken from the parsed message by
 * the stack's listener.
 *
 * @param source            the peer's address as seen on the socket (never what Via claims)
 * @param method            the request method
 * @param userAgent         the User-Agent header value, or null
 * @param requestUriLength  characters of the Request-URI
 * @param headerCount       header fields in the request (each comma-separated value of a
 *                          list header counts as the stack parsed it)
 * @param messageBytes      bytes of the start line, headers and body
 * @param newInvite         an INVITE without To tag (it would start a call)
 * @param knownCall         the Call-ID belongs to a live call; such requests count a quarter
 *                          against the source's rate (callers behind one NAT type digits)
 */
public record Inbound(InetAddress source, String method, String userAgent, int requestUriLength, int headerCount,
                      int messageBytes, boolean newInvite, boolean knownCall) {
    public Inbound {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(method, "method");
    }
}
