package org.voxgate.bridge.internal.rtp;

/**
 * Why a received datagram was refused. Each leg counts drops per reason; the names become the
 * {@code reason} tag of the drop metric.
 */
public enum DropReason {
    /** Shorter than the fixed header, or the CSRC list / extension / padding overruns it. */
    TRUNCATED,
    /** Version field is not 2 (RFC 3550 section 5.1). */
    BAD_VERSION,
    /** Padding count is 0 or larger than what follows the header (RFC 3550 section 5.1, P). */
    BAD_PADDING,
    /** Larger than the receive buffer. */
    TOO_LARGE,
    /** Not from the address signalled in SDP nor the latched one ("RTP bleed" guard). */
    WRONG_SOURCE,
    /** From an unsignalled address that may still latch (RFC 3550 section 8.2 symmetric RTP). */
    LATCHING,
    /** Arrived before an SDP answer told us the peer's address. */
    NO_REMOTE,
    /** Payload type not negotiated. */
    UNKNOWN_PAYLOAD_TYPE,
    /** Malformed RTCP compound packet. */
    BAD_RTCP,
    /** Arrived after its play-out time. */
    LATE,
    /** A copy of a packet already held or played. */
    DUPLICATE,
    /** The hand-off queue to the play-out thread was full. */
    QUEUE_FULL,
    /** Media direction says the peer must not send (inactive / we are sendonly). */
    NOT_RECEIVING,
    /** Telephone-event payload shorter than 4 bytes or with a bad event code. */
    BAD_TELEPHONE_EVENT,
    /** The codec refused the payload (malformed Opus packet, odd length); concealed instead. */
    UNDECODABLE,
    /**
     * SRTP or SRTCP refused by unprotect, or arrived while the leg has no keys (DTLS handshake
     * running, keying failed); the leg also counts these by {@code SrtpStatus}.
     */
    SRTP,
    /** A DTLS datagram (RFC 7983) no handshake wanted, or from an address signalling did not give. */
    DTLS_IGNORED
}
