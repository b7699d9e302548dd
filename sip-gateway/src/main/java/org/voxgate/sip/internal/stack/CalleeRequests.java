package org.voxgate.sip.internal.stack;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.internal.sessiontimer.Refresher;
import org.voxgate.sip.internal.sessiontimer.SessionTimerDecision;
import org.voxgate.sip.internal.sessiontimer.SessionTimerRequest;

/**
 * The callee's re-INVITEs and UPDATEs in a dial-out's dialog: a new offer goes to the leg, and
 * either refreshes the session (RFC 4028; the callee is the refresher, its expiry hangs up).
 * Runs under the call's monitor.
 */
final class CalleeRequests {
    private static final Logger LOG = LoggerFactory.getLogger(CalleeRequests.class);

    private final OutboundCall call;
    private final OutboundInvite invites;
    private final SessionRefresher refresher;

    CalleeRequests(OutboundCall call, OutboundInvite invites, SessionRefresher refresher) {
        this.call = call;
        this.invites = invites;
        this.refresher = refresher;
    }

    /** The 2xx to our INVITE: its Session-Expires arms the timer. */
    void answered(Response response) {
        SessionTimerRequest timer = SessionTimerHeaders.read(response);
        if (timer.sessionExpiresSeconds() > 0) {
            // We did not offer to refresh (no Supported: timer), so the callee does (RFC 4028 section 7.2)
            refresher.apply(new SessionTimerDecision(SessionTimerDecision.Kind.ACCEPT,
                    timer.sessionExpiresSeconds(), Refresher.UAC, false));
        }
    }

    /** The call ended: no more timer. */
    void ended() {
        refresher.cancel();
    }

    /**
     * Answers a re-INVITE or UPDATE: 481 outside the dialog, the leg's answer to a new offer, 488
     * for a re-INVITE without an offer (we do not re-offer).
     */
    void modifySession(ServerTransaction tx, Request r) {
        synchronized (call) {
            GatewayCore core = call.core;
            Responses responses = call.responses;
            if (!call.inDialog()) {
                core.respond(tx, r, 481, call.localTag);
                return;
            }
            try {
                String offerIn = SdpBodies.sdpOf(r);
                String answer = null;
                if (offerIn != null) {
                    answer = call.answerReOffer(tx, r, call.leg(), offerIn);
                    if (answer == null) {
                        return;
                    }
                } else if (Request.INVITE.equals(r.getMethod())) {
                    core.respond(tx, r, 488, call.localTag);
                    return;
                }
                Response ok = responses.create(r, 200, call.localTag);
                ok.setHeader(invites.contact());
                SessionTimerRequest timer = SessionTimerHeaders.read(r);
                if (timer.sessionExpiresSeconds() > 0) {
                    SessionTimerDecision d = new SessionTimerDecision(SessionTimerDecision.Kind.ACCEPT,
                            timer.sessionExpiresSeconds(), Refresher.UAC, false);
                    SessionTimerHeaders.write(ok, core.stack().headerFactory(),
                            new SessionTimerDecision(d.kind(), d.intervalSeconds(), Refresher.UAS, false));
                    refresher.apply(d);
                }
                if (answer != null) {
                    responses.setSdp(ok, answer);
                }
                tx.sendResponse(ok);
            } catch (Exception e) {
                LOG.warn("dial-out: could not answer {}", r.getMethod(), e);
            }
        }
    }
}
