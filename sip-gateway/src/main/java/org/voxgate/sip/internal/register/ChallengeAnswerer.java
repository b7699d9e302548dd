package org.voxgate.sip.internal.register;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.voxgate.sip.Trunk;
import org.voxgate.sip.internal.digest.DigestChallenge;
import org.voxgate.sip.internal.digest.DigestCredentials;

/**
 * Answers a carrier's Digest challenges for one client "conversation" (one registration, or
 * one outbound INVITE and its retries) with the trunk's credentials — and refuses to answer
 * anyone else. Keeps the nonce in use, counts nc and draws a fresh cnonce for every answer.
 * Not thread-safe: one owner (a registration machine, an outbound call) under its own lock.
 *
 * <p>Rules, in order, for a 401/407 ({@link #onChallenge}):
 * <ol>
 *   <li>the response must come from the host the request went to ({@code fromPeer}); else
 *       {@link Refusal.Kind#FOREIGN}: no digest is computed, nothing of ours leaks to a stranger;</li>
 *   <li>with a configured realm, only a challenge for that realm is answered (else FOREIGN);</li>
 *   <li>of several challenges the topmost one we support is taken (RFC 8760 section 2.4: the
 *       server lists them in its order of preference): SHA-512-256, SHA-256 or MD5, qop=auth;</li>
 *   <li>a challenge right after our answer to a fresh challenge, not marked {@code stale=true},
 *       means the credentials are wrong ({@link Refusal.Kind#CREDENTIALS_REFUSED}): we do not
 *       try them again (RFC 3261 section 22.2: no retry with the same credentials);</li>
 *   <li>no usable Digest challenge at all: {@link Refusal.Kind#UNUSABLE}.</li>
 * </ol>
 */
public final class ChallengeAnswerer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Trunk.Credentials credentials;
    private DigestChallenge challenge;
    private boolean proxy;
    private int nonceCount;
    private boolean answeredFresh;

    public ChallengeAnswerer(Trunk.Credentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** What to do with a challenge: an answer to send, or a refusal. */
    public sealed interface Result permits Answer, Refusal {}

    /**
     * @param authorization the header to put on the retried request (with a CSeq one higher)
     * @param algorithm     the algorithm answered ("MD5", "SHA-256", "SHA-512-256")
     */
    public record Answer(RegisterRequest.Authorization authorization, String algorithm) implements Result {}

    /**
     * @param kind   why
     * @param detail in words, for status and logs (never a secret)
     */
    public record Refusal(Kind kind, String detail) implements Result {
        public enum Kind {
            /** From someone other than the peer, or for another realm: log FOREIGN_CHALLENGE. */
            FOREIGN,
            /** A second challenge after our answer: the password (or user) is wrong. */
            CREDENTIALS_REFUSED,
            /** No Digest challenge we can answer (other scheme, unknown algorithm, auth-int only). */
            UNUSABLE
        }
    }

    /**
     * Decides about a 401 (WWW-Authenticate) or 407 (Proxy-Authenticate).
     *
     * @param status     401 or 407
     * @param values     the challenge header values, topmost first
     * @param fromPeer   whether the response came from the address the request was sent to
     * @param method     the challenged request's method
     * @param requestUri the Request-URI of the request to be retried (the digest-uri)
     */
    public Result onChallenge(int status, List<String> values, boolean fromPeer, String method, String requestUri) {
        if (status != 401 && status != 407) {
            throw new IllegalArgumentException("not a challenge: " + status);
        }
        if (!fromPeer) {
            return new Refusal(Refusal.Kind.FOREIGN, status + " to our " + method + " from an address that is not the peer");
        }
        DigestChallenge chosen = null;
        String otherRealm = null;
        for (String v : values) {
            Optional<DigestChallenge> c = DigestChallenge.parse(v);
            if (c.isEmpty()) {
                continue;
            }
            if (credentials.realm() != null && !credentials.realm().equals(c.get().realm())) {
                otherRealm = c.get().realm();
                continue;
            }
            chosen = c.get();
            break;
        }
        if (chosen == null) {
            return otherRealm != null
                    ? new Refusal(Refusal.Kind.FOREIGN, "challenge for realm \"" + otherRealm
                            + "\", not the configured realm \"" + credentials.realm() + "\"")
                    : new Refusal(Refusal.Kind.UNUSABLE, "no Digest challenge we can answer (" + values.size()
                            + " offered)");
        }
        if (answeredFresh && !chosen.stale()) {
            answeredFresh = false;
            challenge = null;
            return new Refusal(Refusal.Kind.CREDENTIALS_REFUSED, "credentials refused: " + status
                    + " again after our answer (stale=false)");
        }
        boolean sameNonce = challenge != null && challenge.nonce().equals(chosen.nonce())
                && challenge.realm().equals(chosen.realm());
        challenge = chosen;
        proxy = status == 407;
        nonceCount = sameNonce ? nonceCount + 1 : 1;
        answeredFresh = true;
        return new Answer(authorization(method, requestUri), chosen.algorithm().wire());
    }

    /**
     * An answer to the last challenge for a new request (a refresh) with the nonce count one
     * higher, so the registrar need not challenge again; empty when no challenge is known.
     * A challenge to it is answered afresh, never counted as wrong credentials.
     */
    public Optional<RegisterRequest.Authorization> preemptive(String method, String requestUri) {
        if (challenge == null) {
            return Optional.empty();
        }
        nonceCount++;
        answeredFresh = false;
        return Optional.of(authorization(method, requestUri));
    }

    /** The request that carried our answer succeeded: the credentials are fine. */
    public void accepted() {
        answeredFresh = false;
    }

    /** Forgets the challenge (a new host, a new attempt after a back-off). */
    public void reset() {
        challenge = null;
        nonceCount = 0;
        answeredFresh = false;
    }

    private RegisterRequest.Authorization authorization(String method, String requestUri) {
        byte[] c = new byte[16];
        RANDOM.nextBytes(c);
        DigestCredentials answer = DigestCredentials.answer(challenge, credentials.username(), credentials.password(),
                method, requestUri, nonceCount, HexFormat.of().formatHex(c));
        return new RegisterRequest.Authorization(proxy ? "Proxy-Authorization" : "Authorization",
                answer.toHeaderValue());
    }
}
