package org.voxgate.bridge.api;

/**
 * An SDP offer or answer the bridge cannot use. Signalling answers 488 Not Acceptable Here
 * with {@link #warning()} in a Warning header (code 302/304/305/306/399), or 400 when
 * {@link #malformed()}.
 */
public final class SdpException extends Exception {

    private final int warningCode;
    private final boolean malformed;

    /**
     * @param warningCode RFC 3261 section 20.43 warn-code: 302 incompatible transport protocol,
     *                    304 media type not available, 305 incompatible media format,
     *                    306 attribute not understood, 399 miscellaneous
     * @param malformed   true when the SDP does not parse at all
     */
    public SdpException(int warningCode, boolean malformed, String message) {
        super(message);
        this.warningCode = warningCode;
        this.malformed = malformed;
    }

    public int warningCode() {
        return warningCode;
    }

    public boolean malformed() {
        return malformed;
    }

    /** Text for the Warning header, without code and agent. */
    public String warning() {
        return getMessage();
    }
}
