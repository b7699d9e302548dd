package org.voxgate.sip.internal.digest;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An Authorization / Proxy-Authorization Digest value (RFC 3261 section 22.4, RFC 7616
 * section 3.4): what a client sends back for a challenge.
 *
 * @param qop    "auth", or null for an RFC 2069 style answer (then nc and cnonce are null)
 * @param nc     the nonce count as 8 hex digits, or null
 * @param opaque echoed from the challenge, or null
 */
public record DigestCredentials(String username, String realm, String nonce, String uri, String response,
                                DigestAlgorithm algorithm, String qop, String nc, String cnonce, String opaque) {

    public DigestCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(algorithm, "algorithm");
    }

    /**
     * The answer to {@code challenge} for a request: response = H(H(A1):nonce:nc:cnonce:qop:H(A2))
     * with A1 = user:realm:password and A2 = method:uri (RFC 7616 section 3.4.1; RFC 2617
     * section 3.2.2.1 without qop).
     *
     * @param nonceCount how many times this nonce has been used by us, starting at 1
     * @param cnonce     a fresh client nonce (random, at least 8 characters)
     */
    public static DigestCredentials answer(DigestChallenge challenge, String username, String password, String method,
                                           String uri, int nonceCount, String cnonce) {
        DigestAlgorithm alg = challenge.algorithm();
        String ha1 = alg.hex(username + ":" + challenge.realm() + ":" + password);
        String ha2 = alg.hex(method + ":" + uri);
        if (!challenge.qopAuth()) {
            String response = alg.hex(ha1 + ":" + challenge.nonce() + ":" + ha2);
            return new DigestCredentials(username, challenge.realm(), challenge.nonce(), uri, response, alg, null, null,
                    null, challenge.opaque());
        }
        String nc = String.format("%08x", nonceCount);
        String response = alg.hex(ha1 + ":" + challenge.nonce() + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return new DigestCredentials(username, challenge.realm(), challenge.nonce(), uri, response, alg, "auth", nc,
                cnonce, challenge.opaque());
    }

    /**
     * Whether this answer is right for {@code password} and {@code method} (the server's check;
     * the nonce's freshness and nc replay are checked elsewhere). Compares in constant time.
     */
    public boolean verify(String password, String method) {
        String ha1 = algorithm.hex(username + ":" + realm + ":" + password);
        String ha2 = algorithm.hex(method + ":" + uri);
        String expected = qop == null
                ? algorithm.hex(ha1 + ":" + nonce + ":" + ha2)
                : algorithm.hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
        return java.security.MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                response.toLowerCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /**
     * Parses an Authorization value. Empty when malformed, when a required parameter is missing,
     * the algorithm is unknown, qop is other than "auth", or nc is not 8 hex digits.
     */
    public static Optional<DigestCredentials> parse(String headerValue) {
        Optional<Map<String, String>> p = AuthParams.parseDigest(headerValue);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> m = p.get();
        Optional<DigestAlgorithm> alg = DigestAlgorithm.fromWire(m.get("algorithm"));
        String qop = m.get("qop");
        String nc = m.get("nc");
        String cnonce = m.get("cnonce");
        if (alg.isEmpty() || m.get("username") == null || m.get("realm") == null || m.get("nonce") == null
                || m.get("uri") == null || m.get("response") == null) {
            return Optional.empty();
        }
        if (qop != null && (!qop.equalsIgnoreCase("auth") || nc == null || cnonce == null
                || !nc.matches("[0-9a-fA-F]{8}"))) {
            return Optional.empty();
        }
        return Optional.of(new DigestCredentials(m.get("username"), m.get("realm"), m.get("nonce"), m.get("uri"),
                m.get("response"), alg.get(), qop == null ? null : "auth", nc, cnonce, m.get("opaque")));
    }

    /** The header value (without the header name). */
    public String toHeaderValue() {
        StringBuilder b = new StringBuilder("Digest username=").append(AuthParams.quote(username))
                .append(", realm=").append(AuthParams.quote(realm))
                .append(", nonce=").append(AuthParams.quote(nonce))
                .append(", uri=").append(AuthParams.quote(uri))
                .append(", response=").append(AuthParams.quote(response))
                .append(", algorithm=").append(algorithm.wire());
        if (qop != null) {
            b.append(", qop=auth, nc=").append(nc).append(", cnonce=").append(AuthParams.quote(cnonce));
        }
        if (opaque != null) {
            b.append(", opaque=").append(AuthParams.quote(opaque));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "DigestCredentials[username=" + username + ", realm=" + realm + ", algorithm=" + algorithm + "]";
    }
}
