package org.voxgate.sip.internal.digest;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A WWW-Authenticate / Proxy-Authenticate Digest challenge (RFC 3261 section 22.4, RFC 8760).
 *
 * @param qopAuth whether the challenge offers qop "auth" (we never use auth-int)
 * @param qopOffered whether the challenge had a qop parameter at all (RFC 2069 style when not)
 * @param opaque  echoed back unchanged; may be null
 */
public record DigestChallenge(String realm, String nonce, DigestAlgorithm algorithm, boolean qopOffered,
                              boolean qopAuth, String opaque, boolean stale) {

    public DigestChallenge {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(algorithm, "algorithm");
    }

    /** A challenge we issue: qop=auth, the given algorithm. */
    public static DigestChallenge issue(String realm, String nonce, DigestAlgorithm algorithm, boolean stale) {
        return new DigestChallenge(realm, nonce, algorithm, true, true, null, stale);
    }

    /**
     * Parses a header value such as {@code Digest realm="x", nonce="y", qop="auth"}. Empty when
     * it is not Digest, is malformed, lacks realm or nonce, names an algorithm we do not support,
     * or offers a qop list without "auth".
     */
    public static Optional<DigestChallenge> parse(String headerValue) {
        Optional<Map<String, String>> p = AuthParams.parseDigest(headerValue);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> m = p.get();
        String realm = m.get("realm");
        String nonce = m.get("nonce");
        Optional<DigestAlgorithm> alg = DigestAlgorithm.fromWire(m.get("algorithm"));
        if (realm == null || nonce == null || alg.isEmpty()) {
            return Optional.empty();
        }
        String qop = m.get("qop");
        boolean auth = false;
        if (qop != null) {
            for (String q : qop.split(",")) {
                auth |= q.strip().equalsIgnoreCase("auth");
            }
            if (!auth) {
                return Optional.empty(); // auth-int only: we do not hash bodies
            }
        }
        boolean stale = "true".equalsIgnoreCase(m.getOrDefault("stale", "false"));
        return Optional.of(new DigestChallenge(realm, nonce, alg.get(), qop != null, auth, m.get("opaque"), stale));
    }

    /** The header value (without the header name). */
    public String toHeaderValue() {
        StringBuilder b = new StringBuilder("Digest realm=").append(AuthParams.quote(realm))
                .append(", nonce=").append(AuthParams.quote(nonce))
                .append(", algorithm=").append(algorithm.wire());
        if (qopAuth) {
            b.append(", qop=\"auth\"");
        }
        if (opaque != null) {
            b.append(", opaque=").append(AuthParams.quote(opaque));
        }
        if (stale) {
            b.append(", stale=TRUE");
        }
        return b.toString();
    }
}
