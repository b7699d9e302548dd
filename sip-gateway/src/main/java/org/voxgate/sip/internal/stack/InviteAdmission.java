package org.voxgate.sip.internal.stack;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import javax.sip.ServerTransaction;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.message.SIPMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.SecurityReason;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.internal.trunk.Admission;
import org.voxgate.sip.internal.trunk.CallerIdentity;
import org.voxgate.sip.internal.trunk.TrunkLimits;

/**
 * The one admission step for a new INVITE: asks {@link org.voxgate.sip.internal.trunk.TrunkAdmission}
 * whom it belongs to (by the packet's source address, never Via), answers 401 (challenges,
 * preferred first), 403 (no body; unknown user and wrong password answer alike) or 503 with
 * Retry-After (the trunk's channel or calls-per-second limit), and writes the security log.
 */
final class InviteAdmission {
    private static final Logger LOG = LoggerFactory.getLogger(InviteAdmission.class);
    /** Retry-After when the trunk's calls per second are spent: the bucket refills within a second. */
    static final int RETRY_AFTER_RATE_SECONDS = 1;
    /** Retry-After when all of the trunk's channels are busy. */
    static final int RETRY_AFTER_CHANNELS_SECONDS = 5;

    /**
     * A new call that may go on.
     *
     * @param trunk  the trunk it came over (a channel is held on it), or null for a local caller
     * @param caller who calls, per the trunk's caller-ID policy
     */
    record Admitted(Trunk trunk, CallerIdentity caller) {}

    private final GatewayCore core;

    InviteAdmission(GatewayCore core) {
        this.core = core;
    }

    /** The packet's source address as the transport saw it. */
    static InetAddress source(Request request) {
        if (request instanceof SIPMessage m) {
            InetAddress a = m.getPeerPacketSourceAddress();
            return a != null ? a : m.getRemoteAddress();
        }
        return null;
    }

    /** Admits the INVITE (the caller then owns the channel), or answers it and returns null. */
    Admitted admit(ServerTransaction tx, Request invite) {
        InetAddress source = source(invite);
        List<String> auth = values(invite, AuthorizationHeader.NAME);
        Admission a = core.admission().admit(source, invite.getRequestURI().toString(), auth);
        switch (a.kind()) {
            case LOCAL -> {
                return new Admitted(null, CallerIdentity.resolve(null, from(invite), List.of(), List.of()));
            }
            case CHALLENGE -> {
                LOG.debug("INVITE from {} challenged ({})", addr(source), a.detail());
                send(tx, invite, 401, r -> {
                    for (String c : a.challenges()) {
                        r.addHeader(core.stack().headerFactory().createHeader("WWW-Authenticate", c));
                    }
                });
                return null;
            }
            case FORBIDDEN -> {
                core.securityLog().reject(source, a.reason(), a.detail());
                if (a.authFailure()) {
                    core.authFailed(source);
                }
                LOG.info("call refused 403 from {} ({})", addr(source), a.reason());
                send(tx, invite, 403, null);
                return null;
            }
            default -> {
                return limited(tx, invite, source, a.trunk());
            }
        }
    }

    private Admitted limited(ServerTransaction tx, Request invite, InetAddress source, Trunk trunk) {
        TrunkLimits.Grant g = core.trunkLimits().acquire(trunk);
        if (g != TrunkLimits.Grant.GRANTED) {
            boolean rate = g == TrunkLimits.Grant.RATE_EXCEEDED;
            core.securityLog().reject(source, SecurityReason.TRUNK_LIMIT,
                    "trunk " + trunk.id() + (rate ? " maxCallsPerSecond " + trunk.maxCallsPerSecond()
                            : " maxChannels " + trunk.maxChannels()));
            LOG.info("call refused 503 on trunk {} ({})", trunk.id(), g);
            send(tx, invite, 503, r -> core.responses().addRetryAfter(r,
                    rate ? RETRY_AFTER_RATE_SECONDS : RETRY_AFTER_CHANNELS_SECONDS));
            return null;
        }
        return new Admitted(trunk, CallerIdentity.resolve(trunk, from(invite),
                uris(invite, "P-Asserted-Identity"), values(invite, "Privacy")));
    }

    private interface Customizer {
        void apply(Response r) throws Exception;
    }

    private void send(ServerTransaction tx, Request invite, int status, Customizer c) {
        try {
            Response r = core.responses().create(invite, status, null);
            if (c != null) {
                c.apply(r);
            }
            core.send(tx, r);
        } catch (Exception e) {
            LOG.debug("could not send {}", status, e);
        }
    }

    private static String from(Request invite) {
        return ((javax.sip.header.FromHeader) invite.getHeader(javax.sip.header.FromHeader.NAME)).getAddress().getURI()
                .toString();
    }

    /** Every value of a header, as text after the colon. */
    static List<String> values(Request request, String name) {
        List<String> out = new ArrayList<>();
        for (var it = request.getHeaders(name); it.hasNext(); ) {
            Header h = (Header) it.next();
            String s = h.toString();
            int colon = s.indexOf(':');
            out.add((colon < 0 ? s : s.substring(colon + 1)).strip());
        }
        return out;
    }

    /** The URIs of a name-addr header (P-Asserted-Identity: "Alice" &lt;sip:alice@x&gt;, &lt;tel:+1...&gt;). */
    static List<String> uris(Request request, String name) {
        List<String> out = new ArrayList<>();
        for (String v : values(request, name)) {
            for (String part : v.split(",")) {
                String p = part.strip();
                int lt = p.indexOf('<');
                int gt = p.indexOf('>', lt + 1);
                String uri = lt >= 0 && gt > lt ? p.substring(lt + 1, gt) : p;
                if (!uri.isEmpty() && uri.length() <= 256) {
                    out.add(uri);
                }
            }
        }
        return out;
    }

    private static String addr(InetAddress a) {
        return a == null ? "-" : a.getHostAddress();
    }
}
