package org.voxgate.sip.internal.dialout;

import org.voxgate.sip.DialOutFailure;

/**
 * What a response to our outbound INVITE makes us do. RFC 3263 section 4.3: a 503 or a
 * transaction timeout sends the request to the next host; other 4xx/6xx are the callee's (or
 * the carrier's) answer and end the attempt.
 */
public enum InviteOutcome {
    /** 100 Trying: the host is alive; nothing else changes. */
    TRYING,
    /** 180, 181, 182, 183 without SDP. */
    RINGING,
    /** 183 (or any 101-199) with SDP. */
    EARLY_MEDIA,
    /** 2xx. */
    ANSWERED,
    /** 401 or 407: answer with credentials (once). */
    CHALLENGE,
    /** 5xx: try the next host. */
    NEXT_HOST,
    /** Any other final status: the call fails with {@link #failure(int)}. */
    FAILED;

    /**
     * @param status  the response's status code, 100..699
     * @param hasSdp  whether it carries an SDP body
     */
    public static InviteOutcome of(int status, boolean hasSdp) {
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("status " + status);
        }
        if (status == 100) {
            return TRYING;
        }
        if (status < 200) {
            return hasSdp ? EARLY_MEDIA : RINGING;
        }
        if (status < 300) {
            return ANSWERED;
        }
        if (status == 401 || status == 407) {
            return CHALLENGE;
        }
        if (status >= 500 && status < 600) {
            return NEXT_HOST;
        }
        return FAILED;
    }

    /** The failure a final status of {@link #FAILED} means. */
    public static DialOutFailure failure(int status) {
        return switch (status) {
            case 486, 600 -> DialOutFailure.BUSY;
            case 603 -> DialOutFailure.DECLINED;
            case 401, 407 -> DialOutFailure.AUTH;
            default -> status >= 500 && status < 600 ? DialOutFailure.UNREACHABLE : DialOutFailure.REJECTED;
        };
    }
}
