package org.voxgate.sip.internal.defence;

/**
 * Size limits of one request: bytes, Request-URI length and header count. The stack itself
 * refuses TCP/TLS messages over its MAX_MESSAGE_SIZE and reads at most that many bytes of a UDP
 * datagram, so a longer datagram arrives here cut and still over the limit.
 */
record MessageLimits(int maxMessageBytes, int maxRequestUriLength, int maxHeaders) {

    /** {@link Verdict#ACCEPT} or the answer to an oversized request. */
    Verdict check(int messageBytes, int requestUriLength, int headerCount) {
        if (messageBytes > maxMessageBytes) {
            return Verdict.REQUEST_ENTITY_TOO_LARGE;
        }
        if (requestUriLength > maxRequestUriLength) {
            return Verdict.REQUEST_URI_TOO_LONG;
        }
        if (headerCount > maxHeaders) {
            return Verdict.TOO_MANY_HEADERS;
        }
        return Verdict.ACCEPT;
    }
}
