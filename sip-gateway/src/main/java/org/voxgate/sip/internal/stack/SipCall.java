package org.voxgate.sip.internal.stack;

import java.text.ParseException;
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
import org.voxgate.bridge.api.BridgeException;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.ParticipantRole;
import org.voxgate.bridge.api.SdpException;
import org.voxgate.sip.CallRecord;
import org.voxgate.sip.DialPlanRoute;
import org.voxgate.sip.EndCause;
import org.voxgate.sip.Meeting;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.internal.ivr.IvrEnd;
import org.voxgate.sip.internal.ivr.IvrLegListener;
import org.voxgate.sip.internal.ivr.IvrMachine;
import org.voxgate.sip.internal.ivr.IvrOutcome;
import org.voxgate.sip.internal.sessiontimer.SessionTimerDecision;

/**
 * One dial-in call as a UAS: the INVITE server transaction, the dialog, the media leg, the IVR
 * and the RFC 4028 timer. SIP state is guarded by this object's monitor.
 *
 * <pre>
 *  INVITED --200--> ANSWERED --ACK--> CONFIRMED --BYE/hangup--> ENDED
 *     |  4xx/5xx/487                                              ^
 *     +-----------------------------------------------------------+
 * </pre>
 */
final class SipCall extends DialogCall implements IvrOutcome {
    private static final Logger LOG = LoggerFactory.getLogger(SipCall.class);

    enum Phase { INVITED, ANSWERED, CONFIRMED, ENDED }

    private final GatewayCore core;
    private final Responses responses;
    private final String from;
    private final String to;
    private final String remoteTag;
    private final String localTag = Responses.newTag();
    private final Instant startTime;
    private final Request invite;
    private final ServerTransaction inviteTx;
    private final boolean peerAllowsUpdate;

    private Phase phase = Phase.INVITED;
    private Dialog dialog;
    private MediaLeg leg;
    private volatile IvrMachine ivr;
    private DialPlanRoute route;
    private boolean answerInAck;
    private String lastLocalSdp;
    private final SessionRefresher refresher;
    private Instant answerTime;
    private int sipStatus;
    private volatile String meetingId;
    private ClientTransaction byeTx;
    private final IvrLegListener legListener;
    /** The trunk the call came over (a channel is held on it until {@link #end}), or null. */
    private final Trunk trunk;
    /** Who calls, as logs and CDRs show it ("anonymous" when the caller asked for privacy). */
    private final String caller;
    private String accountId;

    SipCall(GatewayCore core, Request invite, ServerTransaction inviteTx) {
        this(core, invite, inviteTx, new InviteAdmission.Admitted(null, null));
    }

    /** @param admitted the admission step's result; a trunk's channel is released when the call ends */
    SipCall(GatewayCore core, Request invite, ServerTransaction inviteTx, InviteAdmission.Admitted admitted) {
        super(((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId());
        this.core = core;
        this.trunk = admitted.trunk();
        this.responses = core.responses();
        this.invite = invite;
        this.inviteTx = inviteTx;
        FromHeader f = (FromHeader) invite.getHeader(FromHeader.NAME);
        this.from = f.getAddress().getURI().toString();
        this.remoteTag = f.getTag();
        this.to = ((ToHeader) invite.getHeader(ToHeader.NAME)).getAddress().getURI().toString();
        this.caller = admitted.caller() == null ? from : admitted.caller().caller();
        this.startTime = Instant.now();
        AllowHeader allow = null;
        boolean update = false;
        for (var it = invite.getHeaders(AllowHeader.NAME); it.hasNext(); ) {
            allow = (AllowHeader) it.next();
            update |= Request.UPDATE.equalsIgnoreCase(allow.getMethod().trim());
        }
        this.peerAllowsUpdate = update;
        this.legListener = new IvrLegListener(
                () -> core.runAsync(callId, () -> hangup(EndCause.MEDIA_TIMEOUT)));
        this.refresher = new SessionRefresher(core.scheduler(),
                () -> core.runAsync(callId, () -> hangup(EndCause.SESSION_EXPIRED)),
                () -> core.runAsync(callId, this::sendRefresh));
    }

    synchronized Phase phase() {
        return phase;
    }

    /** True when an in-dialog request belongs to this call (Call-ID, both tags). */
    boolean matchesDialog(Request request) {
        String fromTag = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
        String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
        return localTag.equals(toTag) && (remoteTag == null || remoteTag.equals(fromTag));
    }

    /** Whether the INVITE arrived over TLS (the transport it really came on, not what Via claims). */
    private boolean overTls() {
        return inviteTx instanceof gov.nist.javax.sip.TransactionExt t && "TLS".equalsIgnoreCase(t.getTransport());
    }

    // ---------------------------------------------------------------- initial INVITE

    /** Runs on the call executor after 100 Trying: routes, opens the leg and answers. */
    void answer() {
        try {
            route();
        } catch (RuntimeException e) {
            // a failing directory or bridge must not leave the caller ringing forever
            LOG.error("could not answer the INVITE", e);
            rejectInvite(500, null);
        }
    }

    private void route() {
        SessionTimerDecision timer = core.policy().decide(SessionTimerHeaders.read(invite));
        if (timer.kind() == SessionTimerDecision.Kind.TOO_SMALL) {
            rejectInvite(422, r -> r.setHeader(core.stack().headerFactory().createHeader("Min-SE",
                    Integer.toString(timer.intervalSeconds()))));
            return;
        }
        DialPlanRoute r = core.directory().route(SipDispatcher.calledNumber(invite));
        if (r == null || r.kind() == DialPlanRoute.Kind.NOT_FOUND) {
            rejectInvite(404, null);
            return;
        }
        if (trunk != null && !trunk.accountId().equals(r.accountId())) {
            // a trunk reaches its own account's numbers only; 404 reveals nothing about the others
            LOG.info("number not of trunk {}'s account", trunk.id());
            rejectInvite(404, null);
            return;
        }
        synchronized (this) {
            accountId = r.accountId();
        }
        // SDES keys may travel only in SDP that came (and goes back) over TLS
        LegOptions options = LegOptions.forCall(callId).withSecureSignalling(overTls());
        if (trunk != null) {
            options = options.withCodecs(trunk.codecs())
                    .withSrtpPolicy(LegOptions.SrtpPolicy.valueOf(trunk.srtpPolicy().name()));
        }
        MediaLeg newLeg;
        try {
            newLeg = core.bridge().openLeg(options, legListener);
        } catch (BridgeException e) {
            LOG.warn("bridge refused a leg: {} {}", e.reason(), e.getMessage());
            rejectInvite(503, resp -> responses.addRetryAfter(resp, 30));
            return;
        }
        try {
            answerWith(newLeg, r, timer);
        } catch (RuntimeException e) {
            newLeg.close(); // not yet owned by the call: release it here
            throw e;
        }
    }

    /** Our own offers are RTP/AVP, so a trunk that requires SRTP must send the offer itself. */
    private boolean srtpRequired() {
        return trunk != null && trunk.srtpPolicy() == Trunk.SrtpPolicy.REQUIRED;
    }

    private static final String SRTP_NEEDS_OFFER =
            "SRTP is required on this trunk; send an SDP offer with RTP/SAVP (SDES over SIP-TLS) or DTLS-SRTP";

    private void answerWith(MediaLeg newLeg, DialPlanRoute r, SessionTimerDecision timer) {
        String offer = SdpBodies.sdpOf(invite);
        boolean lateOffer = offer == null;
        if (lateOffer && srtpRequired()) {
            newLeg.close();
            rejectInvite(488, resp -> responses.addWarning(resp, 302, SRTP_NEEDS_OFFER));
            return;
        }
        String sdp;
        try {
            sdp = lateOffer ? newLeg.createOffer() : newLeg.answer(offer);
        } catch (SdpException e) {
            newLeg.close();
            rejectInvite(e.malformed() ? 400 : 488, resp -> responses.addWarning(resp, e.warningCode(), e.warning()));
            return;
        }
        synchronized (this) {
            if (phase != Phase.INVITED) {
                newLeg.close(); // cancelled while the leg was opening
                return;
            }
            leg = newLeg;
            route = r;
            if (r.kind() == DialPlanRoute.Kind.MEETING) {
                meetingId = r.meeting().id();
            }
            refresher.negotiated(timer);
            answerInAck = lateOffer;
            lastLocalSdp = sdp;
            try {
                dialog = core.stack().provider().getNewDialog(inviteTx);
                Response ok = responses.create(invite, 200, localTag);
                ok.setHeader(responses.contact(invite));
                SessionTimerHeaders.write(ok, core.stack().headerFactory(), timer);
                responses.setSdp(ok, sdp);
                inviteTx.sendResponse(ok);
            } catch (Exception e) {
                LOG.warn("could not send 200 OK", e);
                try {
                    inviteTx.sendResponse(responses.create(invite, 500, localTag));
                } catch (Exception again) {
                    LOG.debug("could not send 500 either", again);
                }
                end(EndCause.ERROR, 500);
                return;
            }
            phase = Phase.ANSWERED;
            answerTime = Instant.now();
            sipStatus = 200;
            // Logged under the call's monitor, so a BYE racing the 200 cannot log its end first.
            LOG.info("call answered from={} to={} route={}{}{}", caller, to, r.kind(),
                    trunk == null ? "" : " trunk=" + trunk.id(), lateOffer ? " (late offer)" : "");
        }
    }

    private interface Customizer {
        void apply(Response r) throws ParseException;
    }

    private synchronized void rejectInvite(int status, Customizer customizer) {
        if (phase != Phase.INVITED) {
            return;
        }
        LOG.info("call rejected {} from={} to={}", status, caller, to);
        // end first: a caller that retries at once (422, then a new INVITE with the same
        // Call-ID) must not find this call still registered and get 482
        end(EndCause.REJECTED, status);
        try {
            Response r = responses.create(invite, status, localTag);
            if (customizer != null) {
                customizer.apply(r);
            }
            inviteTx.sendResponse(r);
        } catch (Exception e) {
            LOG.warn("could not send {}", status, e);
        }
    }

    // ---------------------------------------------------------------- requests in the dialog

    synchronized void onAck(Request ack) {
        if (phase == Phase.ANSWERED) {
            phase = Phase.CONFIRMED;
            if (answerInAck && !takeAnswer(ack)) {
                return;
            }
            IvrMachine machine = new IvrMachine(core.ivrSettings(), core.directory(), core.bridge(), leg,
                    core.scheduler(), this);
            ivr = machine;
            machine.start(route);
            legListener.attach(machine);
            refresher.start();
        } else if (phase == Phase.CONFIRMED && answerInAck) {
            takeAnswer(ack);
        }
    }

    /** Late offer: the answer arrives in the ACK. False (and BYE sent) when unusable. */
    private boolean takeAnswer(Request ack) {
        answerInAck = false;
        String answer = SdpBodies.sdpOf(ack);
        try {
            if (answer == null) {
                throw new SdpException(399, true, "ACK carried no answer");
            }
            leg.acceptAnswer(answer);
            return true;
        } catch (SdpException e) {
            LOG.info("unusable answer in ACK: {}", e.getMessage());
            sendBye();
            end(EndCause.BAD_ANSWER, sipStatus);
            return false;
        }
    }

    void onCancel(ServerTransaction cancelTx, Request cancel) {
        core.respond(cancelTx, cancel, 200, localTag);
        synchronized (this) {
            if (phase == Phase.INVITED) {
                end(EndCause.CANCELLED, 487); // before the 487 leaves, as in rejectInvite
                try {
                    inviteTx.sendResponse(responses.create(invite, 487, localTag));
                } catch (Exception e) {
                    LOG.warn("could not send 487", e);
                }
            }
        }
    }

    synchronized void onBye(ServerTransaction tx, Request bye) {
        core.respond(tx, bye, 200, localTag);
        if (phase != Phase.ENDED) {
            end(EndCause.CALLER_HANGUP, sipStatus);
        }
    }

    /** Re-INVITE: hold, resume, codec change or session refresh (RFC 3261 section 14.2). */
    synchronized void onReInvite(ServerTransaction tx, Request request) {
        // A re-INVITE carries our To tag, so the caller has our 200 even when its ACK is still
        // behind this request in the stack's thread pool; only a pending late-offer answer blocks it.
        if ((phase != Phase.CONFIRMED && phase != Phase.ANSWERED) || answerInAck) {
            core.respond(tx, request, 491, localTag);
            return;
        }
        modifySession(tx, request, true);
    }

    /** RFC 3311 UPDATE: a new offer or a bare session refresh. */
    synchronized void onUpdate(ServerTransaction tx, Request request) {
        if (phase != Phase.CONFIRMED && phase != Phase.ANSWERED) {
            core.respond(tx, request, 481, localTag);
            return;
        }
        modifySession(tx, request, false);
    }

    private void modifySession(ServerTransaction tx, Request request, boolean invite) {
        SessionTimerDecision timer = core.policy().decide(SessionTimerHeaders.read(request));
        try {
            if (timer.kind() == SessionTimerDecision.Kind.TOO_SMALL) {
                Response r = responses.create(request, 422, localTag);
                r.setHeader(core.stack().headerFactory().createHeader("Min-SE", Integer.toString(timer.intervalSeconds())));
                tx.sendResponse(r);
                return;
            }
            String offer = SdpBodies.sdpOf(request);
            String sdp = null;
            if (offer != null) {
                try {
                    sdp = leg.answer(offer);
                } catch (SdpException e) {
                    // RFC 3261 section 14.2: a rejected re-offer leaves the session as it was
                    Response r = responses.create(request, e.malformed() ? 400 : 488, localTag);
                    responses.addWarning(r, e.warningCode(), e.warning());
                    tx.sendResponse(r);
                    return;
                }
            } else if (invite && srtpRequired()) {
                Response r = responses.create(request, 488, localTag); // the session stays as it was
                responses.addWarning(r, 302, SRTP_NEEDS_OFFER);
                tx.sendResponse(r);
                return;
            } else if (invite) {
                sdp = leg.createOffer();
                answerInAck = true;
            }
            Response ok = responses.create(request, 200, localTag);
            ok.setHeader(responses.contact(request));
            SessionTimerHeaders.write(ok, core.stack().headerFactory(), timer);
            if (sdp != null) {
                responses.setSdp(ok, sdp);
                lastLocalSdp = sdp;
            }
            refresher.apply(timer); // armed before the 200 leaves, so the next refresh finds it
            tx.sendResponse(ok);
            LOG.debug("session modified by {}{}", request.getMethod(), sdp == null ? " (refresh only)" : "");
        } catch (Exception e) {
            LOG.warn("could not answer {}", request.getMethod(), e);
        }
    }

    /** RFC 6086 INFO: DTMF relay bodies are fed into the leg; empty INFO is a keep-alive. */
    void onInfo(ServerTransaction tx, Request request) {
        MediaLeg target;
        synchronized (this) {
            target = leg;
            if (phase == Phase.ENDED || target == null) {
                core.respond(tx, request, 481, localTag);
                return;
            }
        }
        InfoDigits.deliver(core, tx, request, target, localTag);
    }

    // ---------------------------------------------------------------- responses to our requests

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
        if (phase != Phase.CONFIRMED) {
            return;
        }
        if (method.equals(Request.INVITE) && status < 300 && dialog != null) {
            try {
                long seq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
                dialog.sendAck(dialog.createAck(seq));
            } catch (Exception e) {
                LOG.warn("could not ACK our refresh", e);
            }
        }
        if (status == 408 || status == 481) {
            // RFC 4028 section 10: a refresh that times out or gets 408/481 ends the session
            hangupLocked(EndCause.SESSION_EXPIRED);
        } else if (status < 300) {
            refresher.refreshAccepted(response);
        } else {
            refresher.start(); // other failures leave the session as it was; try again later
        }
    }

    synchronized void onClientTimeout(ClientTransaction ct) {
        if (ct == byeTx) {
            core.byeFinished(this);
        } else if (phase == Phase.CONFIRMED) {
            hangupLocked(EndCause.SESSION_EXPIRED);
        }
    }

    // ---------------------------------------------------------------- session timer

    /** We are the refresher (RFC 4028 section 7.4): UPDATE when the peer allows it, else re-INVITE. */
    private synchronized void sendRefresh() {
        if (phase != Phase.CONFIRMED || dialog == null) {
            return;
        }
        try {
            Request refresh = dialog.createRequest(peerAllowsUpdate ? Request.UPDATE : Request.INVITE);
            refresher.writeRefreshHeaders(refresh, core.stack().headerFactory());
            responses.setUserAgent(refresh);
            refresh.setHeader(responses.contact(invite));
            if (!peerAllowsUpdate) {
                responses.setSdp(refresh, lastLocalSdp);
            }
            ClientTransaction ct = core.stack().provider().getNewClientTransaction(refresh);
            dialog.sendRequest(ct);
        } catch (Exception e) {
            LOG.warn("session refresh failed", e);
            hangupLocked(EndCause.SESSION_EXPIRED);
        }
    }

    // ---------------------------------------------------------------- ending

    /** Ends the call from our side: BYE when answered, 503 when still ringing. Any thread. */
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
            sendBye();
            end(cause, sipStatus);
        }
    }

    private void sendBye() {
        byeTx = sendBye(core, responses, dialog);
    }

    /** Releases everything; the caller holds the monitor. Idempotent. */
    private void end(EndCause cause, int status) {
        if (phase == Phase.ENDED) {
            return;
        }
        Phase was = phase;
        phase = Phase.ENDED;
        refresher.cancel();
        IvrMachine machine = ivr;
        if (machine != null) {
            machine.stop();
        }
        String codec = null;
        org.voxgate.bridge.api.LegStats stats = null;
        if (leg != null) {
            leg.close();
            stats = leg.stats();
            codec = stats.codec();
        }
        core.removeCall(this);
        if (trunk != null) {
            core.trunkLimits().release(trunk.id()); // once: phase is ENDED from here on
        }
        Instant endTime = Instant.now();
        if (was != Phase.INVITED || cause != EndCause.REJECTED) {
            LOG.info("call ended cause={} status={} duration={}s", cause, status,
                    Duration.between(startTime, endTime).toSeconds());
        }
        core.callEnded(new CallRecord(callId, from, to, meetingId, startTime, answerTime, endTime, cause,
                status == 0 ? sipStatus : status, codec, stats, trunk == null ? null : trunk.id(),
                accountId != null ? accountId : trunk == null ? null : trunk.accountId(), caller));
    }

    // ---------------------------------------------------------------- IVR events

    @Override
    public void joined(Meeting meeting, ParticipantRole role) {
        meetingId = meeting.id();
        core.counters().ivrJoined();
        LOG.debug("joined meeting {} as {}", meeting.id(), role);
    }

    @Override
    public void hangup(IvrEnd reason) {
        LOG.debug("IVR ended the call: {}", reason);
        core.counters().ivrEnded(reason);
        core.runAsync(callId, () -> hangup(EndCause.IVR_ENDED));
    }

    @Override
    public boolean dialOutRequested(Meeting meeting, String e164, Runnable onNotJoined) {
        return core.keypadDialOut(meeting, e164, onNotJoined);
    }
}
