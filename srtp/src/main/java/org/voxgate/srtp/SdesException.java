package org.voxgate.srtp;

/**
 * A malformed or unsupported SDES {@code a=crypto} attribute (RFC 4568 section 9.1). Carries
 * the reason and the character offset in the parsed text where the problem starts; the call
 * layer answers with a 488 (or drops that one crypto line when others remain).
 */
public final class SdesException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What was wrong. */
    public enum Reason {
        /** The tag is missing, not 1-9 digits, or out of range. */
        BAD_TAG,
        /** The crypto-suite is not one this implementation supports (or is test-only). */
        UNKNOWN_SUITE,
        /** Missing key parameters, or a key method other than "inline". */
        BAD_KEY_METHOD,
        /** The key-salt is not valid base64. */
        BAD_BASE64,
        /** The decoded key-salt is not the suite's master key plus master salt length. */
        BAD_KEY_LENGTH,
        /** The lifetime is not a decimal number or a power of two "2^n", or exceeds the suite's limit. */
        BAD_LIFETIME,
        /** The MKI is not "value:length", the length is not 1..128, or the value does not fit. */
        BAD_MKI,
        /** Several keys with and without MKI, or MKIs of different lengths. */
        INCONSISTENT_KEYS,
        /** A session parameter that is malformed (KDR=, WSH= with a bad value). */
        BAD_SESSION_PARAM,
        /** A session parameter this implementation does not support (FEC_ORDER, FEC_KEY, KDR != 0, unknown). */
        UNSUPPORTED_SESSION_PARAM,
        /** Text where the grammar allows none, or a missing field. */
        SYNTAX
    }

    private final Reason reason;
    private final int offset;

    public SdesException(Reason reason, int offset, String detail) {
        super(reason + " at offset " + offset + ": " + detail);
        this.reason = reason;
        this.offset = offset;
    }

    public Reason reason() { return reason; }

    /** Character offset in the text given to the parser. */
    public int offset() { return offset; }
}
