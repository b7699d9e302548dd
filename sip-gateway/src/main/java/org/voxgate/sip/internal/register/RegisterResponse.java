package org.voxgate.sip.internal.register;

import java.util.List;

/**
 * What came back for a REGISTER, already read out of the SIP message by the stack side; or a
 * local failure (timeout, transport error) in the same shape.
 *
 * @param status               the status code; 408 for a transaction timeout and 503 for a
 *                             transport error when {@code local}
 * @param reason               the reason phrase, or the local failure in words
 * @param challenges           the WWW-Authenticate (401) or Proxy-Authenticate (407) values; empty otherwise
 * @param grantedExpirySeconds on a 2xx: the expires of our Contact in the response, else its
 *                             Expires header; -1 when neither is there
 * @param minExpiresSeconds    on a 423: Min-Expires; -1 when absent
 * @param retryAfterSeconds    Retry-After; -1 when absent
 * @param source               the address the response came from (the socket's, not Via's); "-" when local
 * @param fromPeer             whether {@code source} is an address of the host the REGISTER went to
 * @param local                true for a timeout or transport error (no response arrived)
 */
public record RegisterResponse(int status, String reason, List<String> challenges, int grantedExpirySeconds,
                               int minExpiresSeconds, int retryAfterSeconds, String source, boolean fromPeer,
                               boolean local) {

    public RegisterResponse {
        challenges = List.copyOf(challenges);
        reason = reason == null ? "" : reason;
        source = source == null ? "-" : source;
    }

    /** No response within the transaction's Timer F (RFC 3261 section 17.1.2.2). */
    public static RegisterResponse timeout() {
        return new RegisterResponse(408, "no response (transaction timeout)", List.of(), -1, -1, -1, "-", false, true);
    }

    /** The request could not be sent (connection refused, TLS handshake failed, host unknown). */
    public static RegisterResponse transportError(String what) {
        return new RegisterResponse(503, "transport error: " + what, List.of(), -1, -1, -1, "-", false, true);
    }
}
