package org.voxgate.srtp;

/**
 * Result of one protect or unprotect call. The packet path never throws: every refusal is one
 * of these values, counted per stream (or per context when no stream could be found).
 */
public enum SrtpStatus {
    /** The packet was protected or unprotected; the packet's length was updated. */
    OK,
    /** Shorter than the fixed header (12 bytes RTP, 8 bytes RTCP) or than the header it declares. */
    TRUNCATED,
    /** Too short to hold the SRTCP index, MKI and authentication tag the profile requires. */
    TOO_SHORT_FOR_TAG,
    /** Not an RTP version 2 packet. */
    BAD_VERSION,
    /** The authentication tag (HMAC-SHA1 or GCM tag) did not verify. */
    AUTH_FAIL,
    /** This index was already accepted (receive) or already used to protect (send). */
    REPLAYED,
    /** The index is older than the replay window: it can no longer be checked. */
    TOO_OLD,
    /** The SSRC is not one this context accepts. */
    UNKNOWN_SSRC,
    /** The MKI in the packet is not the MKI of this context's master key. */
    BAD_MKI,
    /** The SRTCP E flag disagrees with the policy (encrypted SRTCP expected, or the reverse). */
    E_FLAG_MISMATCH,
    /**
     * The master key has reached its limit (2^48 SRTP or 2^31 SRTCP packets, RFC 3711 section
     * 9.2): nothing more is protected; the key must change.
     */
    KEY_EXPIRED,
    /** The caller's buffer has no room after the packet for the MKI and tag. */
    NO_ROOM,
    /** A receiving context already holds its maximum number of streams. */
    TOO_MANY_STREAMS,
    /** The context was closed and its keys wiped. */
    CLOSED;

    /** Number of constants, for counter arrays. */
    public static final int COUNT = values().length;
}
