package org.voxgate.sip.internal.stack;

import java.net.InetAddress;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Objects;
import java.util.UUID;

import javax.sip.InvalidArgumentException;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.voxgate.sip.SecurityReason;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.internal.register.ChallengeAnswerer;
import org.voxgate.sip.internal.security.SecurityLog;

/**
 * Answers a carrier's 401/407 to one of our requests toward a trunk (an outbound INVITE, a
 * BYE, an OPTIONS ping): the JAIN-SIP face of {@link ChallengeAnswerer}. One instance per
 * client conversation (per outbound call), so nonce counts and the "challenged again after
 * our answer = wrong credentials" rule hold across its retries. Not thread-safe: use it under
 * the call's monitor.
 *
 * <pre>
 *  INVITE (CSeq n) ──► 407 Proxy-Authenticate ──► respond(invite, 407, source)
 *     Authorized: INVITE (CSeq n+1, new Via branch, same Call-ID/From tag) + Proxy-Authorization
 *                 → send it on a new client transaction (ACK for the 407 is the stack's)
 *     Refused:    FOREIGN (logged as FOREIGN_CHALLENGE) | CREDENTIALS_REFUSED | UNUSABLE
 *                 → give up the attempt with refusal().detail()
 * </pre>
 * Only a response whose source address is one of the trunk's hosts is answered, and only for
 * the configured realm when one is set; nothing is computed for anyone else.
 */
public final class ChallengeResponder {
    private final Trunk trunk;
    private final java.util.Set<InetAddress> locatedPeers;
    private final ChallengeAnswerer answerer;
    private final HeaderFactory headers;
    private final SecurityLog securityLog;

    /** The outcome: a request to send, or why not. */
    public sealed interface Result permits Authorized, Refused {}

    /** @param request a copy of the challenged request, ready for a new client transaction */
    public record Authorized(Request request) implements Result {}

    public record Refused(ChallengeAnswerer.Refusal refusal) implements Result {}

    /**
     * @param credentials the trunk's credentials for this direction (its registration's for
     *                    outbound calls, usually)
     */
    public ChallengeResponder(Trunk trunk, Trunk.Credentials credentials, HeaderFactory headers,
                              SecurityLog securityLog) {
        this(trunk, credentials, headers, securityLog, java.util.List.of());
    }

    /**
     * @param locatedPeers the addresses RFC 3263 located for the trunk's hosts (SRV targets'
     *                     addresses are not the host name's own): a challenge from one of them is
     *                     from the trunk too
     */
    public ChallengeResponder(Trunk trunk, Trunk.Credentials credentials, HeaderFactory headers,
                              SecurityLog securityLog, java.util.Collection<InetAddress> locatedPeers) {
        this.locatedPeers = java.util.Set.copyOf(locatedPeers);
        this.trunk = Objects.requireNonNull(trunk, "trunk");
        this.answerer = new ChallengeAnswerer(credentials);
        this.headers = headers;
        this.securityLog = securityLog;
    }

    /**
     * Decides about a 401/407 and builds the retried request: a clone of {@code challenged}
     * with CSeq one higher, a new Via branch, earlier credentials removed and the new
     * Authorization (401) or Proxy-Authorization (407) added. Resolves the trunk's hosts (the
     * JVM caches lookups): call it off the stack's threads.
     *
     * @param challenged the request as sent (the client transaction's request)
     * @param challenge  the 401 or 407 it got
     * @param source     the address the response came from ({@code ResponseEventExt.getRemoteIpAddress()}),
     *                   or null when unknown (then nothing is answered)
     * @throws IllegalArgumentException when {@code challenge} is not a 401 or 407
     */
    public Result respond(Request challenged, Response challenge, String source) {
        int status = challenge.getStatusCode();
        String name = status == 407 ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME;
        List<String> values = new ArrayList<>();
        for (ListIterator<?> it = challenge.getHeaders(name); it.hasNext(); ) {
            String s = it.next().toString();
            int colon = s.indexOf(':');
            values.add((colon < 0 ? s : s.substring(colon + 1)).trim());
        }
        String uri = challenged.getRequestURI().toString();
        ChallengeAnswerer.Result result = answerer.onChallenge(status, values, isTrunkHost(source),
                challenged.getMethod(), uri);
        if (result instanceof ChallengeAnswerer.Refusal refusal) {
            if (refusal.kind() == ChallengeAnswerer.Refusal.Kind.FOREIGN) {
                securityLog.reject(source == null ? "-" : source, SecurityReason.FOREIGN_CHALLENGE,
                        "trunk " + trunk.id() + " " + challenged.getMethod() + ": " + refusal.detail());
            }
            return new Refused(refusal);
        }
        ChallengeAnswerer.Answer answer = (ChallengeAnswerer.Answer) result;
        try {
            Request next = (Request) challenged.clone();
            CSeqHeader cseq = (CSeqHeader) next.getHeader(CSeqHeader.NAME);
            cseq.setSeqNumber(cseq.getSeqNumber() + 1);
            ViaHeader via = (ViaHeader) next.getHeader(ViaHeader.NAME);
            via.setBranch("z9hG4bK" + UUID.randomUUID().toString().replace("-", ""));
            next.removeHeader(AuthorizationHeader.NAME);
            next.removeHeader(ProxyAuthorizationHeader.NAME);
            Header h = headers.createHeader(answer.authorization().headerName(), answer.authorization().value());
            next.addHeader(h);
            return new Authorized(next);
        } catch (ParseException | InvalidArgumentException e) {
            return new Refused(new ChallengeAnswerer.Refusal(ChallengeAnswerer.Refusal.Kind.UNUSABLE,
                    "could not build the answer: " + e.getMessage()));
        }
    }

    /** The request carrying our answer succeeded (a 2xx or another final non-challenge). */
    public void accepted() {
        answerer.accepted();
    }

    private boolean isTrunkHost(String source) {
        if (source == null) {
            return false;
        }
        try {
            InetAddress srcAddress = InetAddress.getByName(source); // a literal: no lookup
            if (locatedPeers.contains(srcAddress)) {
                return true;
            }
            String src = srcAddress.getHostAddress();
            for (String host : trunk.hosts()) {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    if (a.getHostAddress().equals(src)) {
                        return true;
                    }
                }
            }
        } catch (Exception e) {
            return false;
        }
        return false;
    }
}
