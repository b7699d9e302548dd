package org.voxgate.srtp;

import java.io.IOException;

/** A DTLS-SRTP handshake that did not produce keys. The stream must end. */
public final class DtlsSrtpException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** The peer's certificate does not match the a=fingerprint signalling gave (RFC 5763 section 5). */
        FINGERPRINT_MISMATCH,
        /** No SRTP protection profile in common, or the peer answered one we did not offer. */
        NO_COMMON_PROFILE,
        /** The handshake did not finish in time. */
        TIMEOUT,
        /** Any other handshake failure (alert, bad message, transport error). */
        HANDSHAKE_FAILED
    }

    private final Reason reason;

    public DtlsSrtpException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
