package org.voxgate.sip.internal.defence;

/** What the listener does with a request after {@link Defence#check}. */
public enum Verdict {
    /** Go on: validation, dialogs, calls. */
    ACCEPT(0),
    /** Drop without a response and without a transaction (banned, rate limited, scanner). */
    DROP(0),
    /** 413 Request Entity Too Large (RFC 3261 section 21.4.11): the message is over the size limit. */
    REQUEST_ENTITY_TOO_LARGE(413),
    /** 414 Request-URI Too Long (RFC 3261 section 21.4.12). */
    REQUEST_URI_TOO_LONG(414),
    /** 400 Bad Request: more header fields than the limit. */
    TOO_MANY_HEADERS(400),
    /**
     * 503 Service Unavailable with Retry-After (RFC 3261 section 21.5.4): a new INVITE while the
     * node is saturated. OPTIONS and requests of calls in progress are never refused so.
     */
    OVERLOADED(503);

    private final int status;

    Verdict(int status) {
        this.status = status;
    }

    /** The SIP status to answer with; 0 for {@link #ACCEPT} and {@link #DROP}. */
    public int status() {
        return status;
    }
}
