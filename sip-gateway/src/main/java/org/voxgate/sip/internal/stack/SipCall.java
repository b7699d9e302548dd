package org.voxgate.sip.internal.stack;

import java.time.Duration;
import java.time.Instant;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.header.AllowHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.bridge.api.LegStats;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.sip.CallRecord;
import org.voxgate.sip.DialPlanRoute;
import org.voxgate.sip.EndCause;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.internal.ivr.IvrLegListener;

/**
 * One dial-in call as a UAS: the INVITE server transaction, the dialog and its phases, the IVR,
 * the end with its CDR. The IVR is {@link CallerIvr}; how the INVITE is answered is decided by {@link InboundOffer}, the
 * offer/answer after the 200 and the RFC 4028 refreshes are {@link InboundMedia}. SIP state is
 * guarded by this object's monitor.
 *
 * <pre>
 *  INVITED --200--> ANSWERED --ACK--> CONFIRMED --BYE/hangup--> ENDED
 *     |  4xx/5xx/487                                              ^
 *     +-----------------------------------------------------------+
 * </pre>
 */
final class SipCall extends DialogCall {
    private static final Logger LOG = LoggerFactory.getLogger(SipCall.class);

    enum Phase { INVITED, ANSWERED, CONFIRMED, ENDED }

    private final String from;
    private final String to;
    private final String remoteTag;
    private final Instant startTime = Instant.now();
    private final Request invite;
    private final InviteServer server;
    private final boolean peerAllowsUpdate;
    private final SessionRefresher refresher;
    private final IvrLegListener legListener = newLegListener();
    /** The trunk the call came over (a channel is held on it until {@link #end}), or null. */
    private final Trunk trunk;
    /** Who calls, as logs and CDRs show it ("anonymous" when the caller asked for privacy). */
    private final String caller;

    private Phase phase = Phase.INVITED;
    private Dialog dialog;
    private MediaLeg leg;
    private InboundMedia media;
    private final CallerIvr ivr = new CallerIvr(this);
    private DialPlanRoute route;
    private Instant answerTime;
    private int sipStatus;
    private String accountId;

    SipCall(GatewayCore core, Request invite, ServerTransaction inviteTx) {
        this(core, invite, inviteTx, new InviteAdmission.Admitted(null, null));
    }

    /** @param admitted the admission step's result; a trunk's channel is released when the call ends */
    SipCall(GatewayCore core, Request invite, ServerTransaction inviteTx, InviteAdmission.Admitted admitted) {
        super(core, ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId());
        this.trunk = admitted.trunk();
        this.invite = invite;
        this.server = new InviteServer(core, invite, inviteTx, localTag);
        FromHeader f = (FromHeader) invite.getHeader(FromHeader.NAME);
        this.from = f.getAddress().getURI().toString();
        this.remoteTag = f.getTag();
        this.to = ((ToHeader) invite.getHeader(ToHeader.NAME)).getAddress().getURI().toString();
        this.caller = admitted.caller() == null ? from : admitted.caller().caller();
        boolean update = false;
        for (var it = invite.getHeaders(AllowHeader.NAME); it.hasNext(); ) {
            update |= Request.UPDATE.equalsIgnoreCase(((AllowHeader) it.next()).getMethod().trim());
        }
        this.peerAllowsUpdate = update;
        this.refresher = newRefresher(() -> core.runAsync(callId, this::sendRefresh));
    }

    synchronized Phase phase() {
        return phase;
    }

    @Override
    boolean remoteTagMatches(String fromTag) {
        return remoteTag == null || remoteTag.equals(fromTag);
    }

    // ---------------------------------------------------------------- initial INVITE

    /** Runs on the call executor after 100 Trying: routes, opens the leg and answers. */
    void answer() {
        try {
            InboundOffer.Decision d = InboundOffer.decide(core, callId, invite, trunk, server.overTls(), legListener,
                    account -> {
                        synchronized (this) {
                            accountId = account;
                        }
                    });
            if (d instanceof InboundOffer.Reject r) {
                rejectInvite(r.status(), r.customizer());
                return;
            }
            InboundOffer.Answer a = (InboundOffer.Answer) d;
            try {
                answerWith(a);
            } catch (RuntimeException e) {
                a.leg().close(); // not yet owned by the call: release it here
                throw e;
            }
        } catch (RuntimeException e) {
            // a failing directory or bridge must not leave the caller ringing forever
            LOG.error("could not answer the INVITE", e);
            rejectInvite(500, null);
        }
    }

    private synchronized void answerWith(InboundOffer.Answer a) {
        if (phase != Phase.INVITED) {
            a.leg().close(); // cancelled while the leg was opening
            return;
        }
        leg = a.leg();
        route = a.route();
        if (route.kind() == DialPlanRoute.Kind.MEETING) {
            ivr.routedTo(route.meeting().id());
        }
        refresher.negotiated(a.timer());
        media = new InboundMedia(this, leg, refresher, InboundOffer.srtpRequired(trunk), a.sdp(), a.lateOffer());
        dialog = server.ok(a.sdp(), a.timer());
        if (dialog == null) {
            end(EndCause.ERROR, 500);
            return;
        }
        phase = Phase.ANSWERED;
        answerTime = Instant.now();
        sipStatus = 200;
        // Logged under the call's monitor, so a BYE racing the 200 cannot log its end first.
        LOG.info("call answered from={} to={} route={}{}{}", caller, to, route.kind(),
                trunk == null ? "" : " trunk=" + trunk.id(), a.lateOffer() ? " (late offer)" : "");
    }

    private synchronized void rejectInvite(int status, InboundOffer.Customizer customizer) {
        if (phase != Phase.INVITED) {
            return;
        }
        LOG.info("call rejected {} from={} to={}", status, caller, to);
        // end first: a caller that retries at once (422, then a new INVITE with the same
        // Call-ID) must not find this call still registered and get 482
        end(EndCause.REJECTED, status);
        server.reject(status, customizer);
    }

    // ---------------------------------------------------------------- requests in the dialog

    @Override
    synchronized void onAck(Request ack) {
        if (phase == Phase.ANSWERED) {
            phase = Phase.CONFIRMED;
            if (media.answerPending() && !takeAnswer(ack)) {
                return;
            }
            ivr.start(leg, route, legListener);
            refresher.start();
        } else if (phase == Phase.CONFIRMED && media.answerPending()) {
            takeAnswer(ack);
        }
    }

    /** The answer in the ACK; false (and BYE sent) when unusable. */
    private boolean takeAnswer(Request ack) {
        if (media.takeAnswer(ack)) {
            return true;
        }
        sendBye(dialog);
        end(EndCause.BAD_ANSWER, sipStatus);
        return false;
    }

    @Override
    void onCancel(ServerTransaction cancelTx, Request cancel) {
        core.respond(cancelTx, cancel, 200, localTag);
        synchronized (this) {
            if (phase == Phase.INVITED) {
                end(EndCause.CANCELLED, 487); // before the 487 leaves, as in rejectInvite
                server.reject(487, null);
            }
        }
    }

    @Override
    synchronized void onBye(ServerTransaction tx, Request bye) {
        core.respond(tx, bye, 200, localTag);
        if (phase != Phase.ENDED) {
            end(EndCause.CALLER_HANGUP, sipStatus);
        }
    }

    /** Re-INVITE: hold, resume, codec change or session refresh (RFC 3261 section 14.2). */
    @Override
    synchronized void onReInvite(ServerTransaction tx, Request request) {
        // A re-INVITE carries our To tag, so the caller has our 200 even when its ACK is still
        // behind this request in the stack's thread pool; only a pending late-offer answer blocks it.
        if ((phase != Phase.CONFIRMED && phase != Phase.ANSWERED) || media.answerPending()) {
            core.respond(tx, request, 491, localTag);
            return;
        }
        media.modify(tx, request, true);
    }

    /** RFC 3311 UPDATE: a new offer or a bare session refresh. */
    @Override
    synchronized void onUpdate(ServerTransaction tx, Request request) {
        if (phase != Phase.CONFIRMED && phase != Phase.ANSWERED) {
            core.respond(tx, request, 481, localTag);
            return;
        }
        media.modify(tx, request, false);
    }

    @Override
    synchronized MediaLeg infoTarget() {
        return phase == Phase.ENDED ? null : leg;
    }

    // ---------------------------------------------------------------- our requests: BYE, refresh

    @Override
    synchronized void onResponse(Response response, ClientTransaction ct) {
        String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
        int status = response.getStatusCode();
        if (status < 200) {
            return;
        }
        if (method.equals(Request.BYE)) {
            core.byeFinished(this);
            return;
        }
        if (phase == Phase.CONFIRMED && !media.refreshAnswered(response, dialog)) {
            hangupLocked(EndCause.SESSION_EXPIRED);
        }
    }

    @Override
    synchronized void onClientTimeout(ClientTransaction ct) {
        if (!byeTimedOut(ct) && phase == Phase.CONFIRMED) {
            hangupLocked(EndCause.SESSION_EXPIRED);
        }
    }

    /** Our refresh is due (RFC 4028 section 7.4). */
    private synchronized void sendRefresh() {
        if (phase != Phase.CONFIRMED || dialog == null) {
            return;
        }
        try {
            media.sendRefresh(dialog, peerAllowsUpdate, invite);
        } catch (Exception e) {
            LOG.warn("session refresh failed", e);
            hangupLocked(EndCause.SESSION_EXPIRED);
        }
    }

    // ---------------------------------------------------------------- ending

    /** Ends the call from our side: BYE when answered, 503 when still ringing. Any thread. */
    @Override
    void hangup(EndCause cause) {
        synchronized (this) {
            if (phase == Phase.INVITED) {
                rejectInvite(503, r -> responses.addRetryAfter(r, 30));
                return;
            }
            hangupLocked(cause);
        }
    }

    private void hangupLocked(EndCause cause) {
        LOG.debug("hangup {}", cause);
        if (phase == Phase.ANSWERED || phase == Phase.CONFIRMED) {
            sendBye(dialog);
            end(cause, sipStatus);
        }
    }

    /** Releases everything; the caller holds the monitor. Idempotent. */
    private void end(EndCause cause, int status) {
        if (phase == Phase.ENDED) {
            return;
        }
        Phase was = phase;
        phase = Phase.ENDED;
        refresher.cancel();
        ivr.stop();
        LegStats stats = release(leg, trunk); // once: phase is ENDED from here on
        Instant endTime = Instant.now();
        if (was != Phase.INVITED || cause != EndCause.REJECTED) {
            LOG.info("call ended cause={} status={} duration={}s", cause, status,
                    Duration.between(startTime, endTime).toSeconds());
        }
        core.callEnded(new CallRecord(callId, from, to, ivr.meetingId(), startTime, answerTime, endTime, cause,
                status == 0 ? sipStatus : status, stats == null ? null : stats.codec(), stats,
                trunk == null ? null : trunk.id(),
                accountId != null ? accountId : trunk == null ? null : trunk.accountId(), caller));
    }
}
