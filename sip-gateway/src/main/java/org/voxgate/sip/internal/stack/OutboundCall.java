package org.voxgate.sip.internal.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.header.CSeqHeader;
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
import org.voxgate.sip.CallDirection;
import org.voxgate.sip.CallRecord;
import org.voxgate.sip.DialOut;
import org.voxgate.sip.DialOutFailure;
import org.voxgate.sip.DialOutRequest;
import org.voxgate.sip.DialOutSettings;
import org.voxgate.sip.DialOutStatus;
import org.voxgate.sip.EndCause;
import org.voxgate.sip.Meeting;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.internal.dialout.DialOutState;
import org.voxgate.sip.internal.dialout.InviteOutcome;
import org.voxgate.sip.internal.dialout.JoinConfirmation;
import org.voxgate.sip.internal.ivr.IvrEnd;
import org.voxgate.sip.internal.ivr.IvrLegListener;
import org.voxgate.sip.internal.ivr.IvrMachine;
import org.voxgate.sip.internal.ivr.IvrOutcome;
import org.voxgate.sip.internal.schedule.Scheduler;
import org.voxgate.sip.internal.sessiontimer.Refresher;
import org.voxgate.sip.internal.sessiontimer.SessionTimerDecision;
import org.voxgate.sip.internal.sessiontimer.SessionTimerRequest;

/**
 * One dial-out as a UAC (RFC 3261 sections 8.1, 13.2, 9.1 CANCEL, 15.1 BYE): the INVITE to the
 * trunk's hosts in failover order, one digest answer (section 22.2), the ACK of the 2xx through
 * the dialog (section 13.2.2.4), then the "press 1" confirmation and the meeting. The decisions
 * without SIP live in {@code internal.dialout} (see its drawing). SIP state is guarded by this
 * object's monitor; the confirmation and the IVR have their own and never call back
 * synchronously, so the lock order is call, then confirmation/IVR, as for dial-in.
 */
final class OutboundCall extends DialogCall implements ClientHandler, DialOut {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundCall.class);

    private enum Phase { NEW, INVITING, CONFIRMING, JOINED, ENDED }

    private final GatewayCore core;
    private final Responses responses;
    private final DialOutRequest request;
    private final Trunk trunk;
    private final DialOutSettings settings;
    private final String id = UUID.randomUUID().toString();
    private final String localTag = Responses.newTag();
    private final DialOutState state = new DialOutState();
    private final IvrLegListener legListener;
    private final SessionRefresher refresher;
    private final Instant startTime = Instant.now();
    private final OutboundInvite invites;
    private final Runnable onNotJoined;

    private Phase phase = Phase.NEW;
    private MediaLeg leg;
    private String offer;
    private boolean answerTaken;
    private java.util.List<org.voxgate.sip.SipTarget> targets; // the trunk's hosts located (RFC 3263), in failover order
    private int hostIndex; // into targets
    private long cseq;
    private ChallengeResponder challenges;
    private ClientTransaction inviteTx;
    private Request invite;
    private boolean provisional;
    private Dialog dialog;
    private Request ack;
    private String remoteTag;
    private ClientTransaction byeTx;
    private Scheduler.Timer ringTimer;
    private Scheduler.Timer hostTimer;
    private JoinConfirmation confirmation;
    private IvrMachine ivr;
    private Instant answerTime;
    private String meetingId;

    /** @param onNotJoined posted when the call ends without the callee joining (keypad dial-out), or null */
    OutboundCall(GatewayCore core, String callId, DialOutRequest request, Trunk trunk, DialOutSettings settings,
                 Runnable onNotJoined) {
        super(callId);
        this.onNotJoined = onNotJoined;
        this.core = core;
        this.responses = core.responses();
        this.request = request;
        this.trunk = trunk;
        this.settings = settings;
        this.invites = new OutboundInvite(core, trunk, request, callId, localTag);
        this.legListener = new IvrLegListener(() -> core.runAsync(callId, () -> hangup(EndCause.MEDIA_TIMEOUT)));
        // The callee is the UAS: when it refreshes (refresher=uas), SessionRefresher's "peer refreshes"
        // case is the one it calls UAC (written for dial-in, where the peer is the UAC).
        this.refresher = new SessionRefresher(core.scheduler(),
                () -> core.runAsync(callId, () -> hangup(EndCause.SESSION_EXPIRED)), () -> { });
    }

    // ---------------------------------------------------------------- DialOut

    @Override
    public String id() {
        return id;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public DialOutRequest request() {
        return request;
    }

    @Override
    public DialOutStatus status() {
        return state.status();
    }

    @Override
    public DialOutFailure failure() {
        return state.failure();
    }

    @Override
    public int sipStatus() {
        return state.sipStatus();
    }

    @Override
    public void hangup() {
        core.runAsync(callId, () -> hangup(EndCause.HUNG_UP_BY_API));
    }

    // ---------------------------------------------------------------- placing the call

    /** Runs on the call executor: opens the leg, builds our offer, sends the first INVITE. */
    void start() {
        // RFC 3263: the trunk's hosts as (address, port, transport) targets; DNS blocks, so before the lock
        java.util.List<org.voxgate.sip.SipTarget> located = core.locate(trunk);
        MediaLeg newLeg;
        try {
            newLeg = core.bridge().openLeg(new LegOptions(callId, trunk.codecs(), true), legListener);
        } catch (BridgeException e) {
            LOG.warn("dial-out: bridge refused a leg: {} {}", e.reason(), e.getMessage());
            synchronized (this) {
                end(EndCause.DIAL_OUT_FAILED, DialOutFailure.MEDIA);
            }
            return;
        }
        synchronized (this) {
            if (phase != Phase.NEW) {
                newLeg.close(); // hung up while the leg was opening
                return;
            }
            leg = newLeg;
            targets = located;
            if (targets.isEmpty()) {
                LOG.info("dial-out: no host of trunk {} resolves", trunk.id());
                end(EndCause.DIAL_OUT_FAILED, DialOutFailure.UNREACHABLE);
                return;
            }
            offer = newLeg.createOffer();
            phase = Phase.INVITING;
            Duration ring = request.ringTimeout() != null ? request.ringTimeout() : settings.ringTimeout();
            ringTimer = core.scheduler().schedule(ring, () -> core.runAsync(callId, this::onRingTimeout));
            LOG.info("dial-out {} to {} via trunk {} for meeting {}", id, request.number(), trunk.id(),
                    request.meeting().id());
            sendInvite();
        }
    }

    /** Sends a new INVITE to the current target; on a transport error, goes on to the next one. */
    private void sendInvite() {
        org.voxgate.sip.SipTarget target = targets.get(hostIndex);
        String refused = core.refusedTrunkAddress(target.address()); // every resolved address, at every use
        if (refused != null) {
            LOG.warn("dial-out: target {} of {} refused: {}", target, target.host(), refused);
            core.securityLog().reject(target.host(), org.voxgate.sip.SecurityReason.SSRF_TARGET,
                    "dial-out to " + target.host() + " resolves to " + refused);
            failover();
            return;
        }
        try {
            sendPrepared(invites.build(target.host(), ++cseq, offer, null));
        } catch (Exception e) {
            LOG.warn("dial-out: could not build the INVITE", e);
            end(EndCause.ERROR, DialOutFailure.ERROR);
        }
    }

    /** Sends {@code request} on a new client transaction and dialog; a transport error moves to the next host. */
    private void sendPrepared(Request request) {
        try {
            invite = request;
            core.stack().pin(request, targets.get(hostIndex)); // to the checked address, not a new lookup
            ClientTransaction ct = core.stack().provider().getNewClientTransaction(request);
            ct.setApplicationData(this);
            if (dialog != null) {
                dialog.delete(); // the previous attempt's early dialog
            }
            dialog = core.stack().provider().getNewDialog(ct);
            inviteTx = ct;
            provisional = false;
            ct.sendRequest();
            armHostTimer(ct);
        } catch (Exception e) {
            LOG.info("dial-out: INVITE to {} failed: {}", targets.get(hostIndex), e.toString());
            failover();
        }
    }

    /** Moves to the next host; false (and the call failed) when none is left. */
    private boolean nextHost() {
        cancel(hostTimer);
        hostTimer = null;
        hostIndex++;
        challenges = null; // a new host is a new conversation: it may challenge once
        if (hostIndex >= targets.size()) {
            LOG.info("dial-out: no host of trunk {} answered", trunk.id());
            end(EndCause.DIAL_OUT_FAILED, DialOutFailure.UNREACHABLE);
            return false;
        }
        LOG.info("dial-out: trying the next host {}", targets.get(hostIndex));
        if (answerTaken) {
            // the last host's early answer is not the next host's: offer again (the bridge takes
            // one answer per offer)
            offer = leg.createOffer();
            answerTaken = false;
        }
        return true;
    }

    private void failover() {
        if (nextHost()) {
            sendInvite();
        }
    }

    private void armHostTimer(ClientTransaction ct) {
        cancel(hostTimer);
        hostTimer = core.scheduler().schedule(settings.hostTimeout(), () -> core.runAsync(callId, () -> {
            synchronized (this) {
                if (phase == Phase.INVITING && ct == inviteTx && !provisional) {
                    LOG.info("dial-out: host {} silent for {}", targets.get(hostIndex), settings.hostTimeout());
                    terminate(ct);
                    failover();
                }
            }
        }));
    }

    // ---------------------------------------------------------------- responses to the INVITE

    @Override
    public synchronized void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        ClientTransaction ct = event.getClientTransaction();
        if (phase == Phase.ENDED || ct != inviteTx) {
            if (status >= 200 && status < 300) {
                lateAnswer(response, event.getDialog()); // after our CANCEL or from an abandoned host
            }
            return;
        }
        if (phase != Phase.INVITING) {
            return; // a retransmitted 2xx is handled in onResponse(Response, ClientTransaction)
        }
        String sdp = SdpBodies.sdpOf(response);
        switch (InviteOutcome.of(status, sdp != null)) {
            case TRYING -> provisional = true;
            case RINGING -> {
                provisional = true;
                state.advance(DialOutStatus.RINGING);
            }
            case EARLY_MEDIA -> {
                provisional = true;
                state.advance(DialOutStatus.RINGING);
                if (takeAnswer(sdp)) {
                    state.advance(DialOutStatus.EARLY_MEDIA); // heard on our leg only: not in the meeting
                }
            }
            case ANSWERED -> answered(response, sdp);
            case CHALLENGE -> challenged(event, response);
            case NEXT_HOST -> {
                state.sipStatus(status);
                LOG.info("dial-out: {} from {}", status, targets.get(hostIndex));
                failover();
            }
            case FAILED -> {
                state.sipStatus(status);
                LOG.info("dial-out: {} from the trunk", status);
                end(EndCause.DIAL_OUT_FAILED, InviteOutcome.failure(status));
            }
        }
        if (provisional) {
            cancel(hostTimer);
        }
    }

    /** The first answer (183 or 200) is the one we take: the bridge accepts one answer per offer. */
    private boolean takeAnswer(String sdp) {
        if (answerTaken || sdp == null) {
            return answerTaken;
        }
        try {
            leg.acceptAnswer(sdp);
            answerTaken = true;
            return true;
        } catch (SdpException e) {
            LOG.info("dial-out: unusable answer: {}", e.getMessage());
            return false;
        }
    }

    private void answered(Response response, String sdp) {
        state.sipStatus(response.getStatusCode());
        cancel(ringTimer);
        cancel(hostTimer);
        remoteTag = ((ToHeader) response.getHeader(ToHeader.NAME)).getTag();
        if (!sendAck(response)) {
            end(EndCause.ERROR, DialOutFailure.ERROR);
            return;
        }
        answerTime = Instant.now();
        if (challenges != null) {
            challenges.accepted();
        }
        if (!takeAnswer(sdp)) {
            sendBye();
            end(EndCause.BAD_ANSWER, DialOutFailure.MEDIA);
            return;
        }
        phase = Phase.CONFIRMING;
        state.advance(DialOutStatus.ANSWERED_AWAITING_CONFIRM);
        SessionTimerRequest timer = SessionTimerHeaders.read(response);
        if (timer.sessionExpiresSeconds() > 0) {
            // We did not offer to refresh (no Supported: timer), so the callee does (RFC 4028 section 7.2)
            refresher.apply(new SessionTimerDecision(SessionTimerDecision.Kind.ACCEPT,
                    timer.sessionExpiresSeconds(), Refresher.UAC, false));
        }
        LOG.info("dial-out answered; asking the callee to press 1");
        JoinConfirmation c = new JoinConfirmation(leg, core.scheduler(), settings.confirmTimeout(),
                settings.confirmPlays(), new JoinConfirmation.Listener() {
                    @Override
                    public void confirmed() {
                        core.runAsync(callId, OutboundCall.this::join);
                    }

                    @Override
                    public void notConfirmed() {
                        core.runAsync(callId, OutboundCall.this::notConfirmed);
                    }
                });
        confirmation = c;
        legListener.attach(c);
        c.start();
    }

    /** RFC 3261 section 13.2.2.4: the ACK of a 2xx is built and sent by the dialog, not the transaction. */
    private boolean sendAck(Response response) {
        try {
            long seq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
            ack = dialog.createAck(seq);
            dialog.sendAck(ack);
            return true;
        } catch (Exception e) {
            LOG.warn("dial-out: could not ACK the 200", e);
            return false;
        }
    }

    /** A 2xx after we gave up (CANCEL crossed it, or an abandoned host): ACK it and hang up at once. */
    private void lateAnswer(Response response, Dialog eventDialog) {
        Dialog late = eventDialog != null ? eventDialog : dialog;
        if (late == null) {
            return;
        }
        try {
            long seq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
            late.sendAck(late.createAck(seq));
            Request bye = late.createRequest(Request.BYE);
            responses.setUserAgent(bye);
            late.sendRequest(core.stack().provider().getNewClientTransaction(bye));
            LOG.info("dial-out: answered after we gave up; ACK and BYE sent");
        } catch (Exception e) {
            LOG.debug("could not end a late answer", e);
        }
    }

    /**
     * 401/407 (RFC 3261 section 22.2): answered by the shared {@link ChallengeResponder} with the
     * trunk's registration credentials (only for the trunk's hosts and the configured realm; a
     * second challenge after our answer means wrong credentials), one conversation per host.
     */
    private void challenged(ResponseEvent event, Response response) {
        state.sipStatus(response.getStatusCode());
        Trunk.Registration reg = trunk.registration();
        if (reg == null) {
            LOG.info("dial-out: {} but trunk {} has no credentials", response.getStatusCode(), trunk.id());
            end(EndCause.DIAL_OUT_FAILED, DialOutFailure.AUTH);
            return;
        }
        if (challenges == null) {
            challenges = new ChallengeResponder(trunk, reg.credentials(), core.stack().headerFactory(),
                    core.securityLog(), targets.stream().map(org.voxgate.sip.SipTarget::address).toList());
        }
        String source = event instanceof gov.nist.javax.sip.ResponseEventExt ext ? ext.getRemoteIpAddress() : null;
        ChallengeResponder.Result r = challenges.respond(invite, response, source);
        if (r instanceof ChallengeResponder.Refused refused) {
            LOG.info("dial-out: {} not answered: {}", response.getStatusCode(), refused.refusal().detail());
            end(EndCause.DIAL_OUT_FAILED, DialOutFailure.AUTH);
            return;
        }
        Request next = ((ChallengeResponder.Authorized) r).request();
        cseq = ((CSeqHeader) next.getHeader(CSeqHeader.NAME)).getSeqNumber();
        sendPrepared(next);
    }

    @Override
    public synchronized void onTimeout(TimeoutEvent event) {
        if (phase == Phase.INVITING && event.getClientTransaction() == inviteTx) {
            LOG.info("dial-out: INVITE to {} timed out", targets.get(hostIndex));
            failover();
        }
    }

    private void onRingTimeout() {
        synchronized (this) {
            if (phase == Phase.INVITING) {
                LOG.info("dial-out: no answer within the ring timeout");
                cancelInvite();
                end(EndCause.DIAL_OUT_FAILED, DialOutFailure.NO_ANSWER);
            }
        }
    }

    /** RFC 3261 section 9.1: CANCEL only after a provisional response; before it, the transaction is dropped. */
    private void cancelInvite() {
        ClientTransaction ct = inviteTx;
        if (ct == null) {
            return;
        }
        if (!provisional) {
            terminate(ct);
            return;
        }
        try {
            Request cancel = ct.createCancel();
            core.stack().provider().getNewClientTransaction(cancel).sendRequest();
        } catch (Exception e) {
            LOG.warn("dial-out: could not send CANCEL", e);
        }
    }

    private static void terminate(ClientTransaction ct) {
        try {
            ct.terminate();
        } catch (Exception e) {
            LOG.debug("could not terminate the INVITE transaction", e);
        }
    }

    // ---------------------------------------------------------------- confirmation and meeting

    private synchronized void join() {
        if (phase != Phase.CONFIRMING) {
            return;
        }
        phase = Phase.JOINED;
        IvrMachine machine = new IvrMachine(core.ivrSettings(), core.directory(), core.bridge(), leg,
                core.scheduler(), new IvrOutcome() {
                    @Override
                    public void joined(Meeting meeting, ParticipantRole role) {
                        meetingId = meeting.id();
                        state.advance(DialOutStatus.JOINED);
                        core.counters().ivrJoined();
                        LOG.info("dial-out callee joined meeting {}", meeting.id());
                    }

                    @Override
                    public void hangup(IvrEnd reason) {
                        core.counters().ivrEnded(reason);
                        core.runAsync(callId, () -> ivrEnded(reason));
                    }
                });
        ivr = machine;
        legListener.attach(machine);
        machine.startInMeeting(request.meeting(), ParticipantRole.PARTICIPANT);
    }

    private synchronized void ivrEnded(IvrEnd reason) {
        if (phase == Phase.JOINED) {
            sendBye();
            end(EndCause.IVR_ENDED, DialOutFailure.MEETING_UNAVAILABLE);
        }
    }

    private synchronized void notConfirmed() {
        if (phase == Phase.CONFIRMING) {
            LOG.info("dial-out not confirmed by the callee");
            sendBye();
            end(EndCause.DIAL_OUT_FAILED, DialOutFailure.NOT_CONFIRMED);
        }
    }

    // ---------------------------------------------------------------- requests in the dialog

    @Override
    boolean matchesDialog(Request r) {
        String fromTag = ((FromHeader) r.getHeader(FromHeader.NAME)).getTag();
        String toTag = ((ToHeader) r.getHeader(ToHeader.NAME)).getTag();
        String remote;
        synchronized (this) {
            remote = remoteTag;
        }
        return localTag.equals(toTag) && remote != null && remote.equals(fromTag);
    }

    @Override
    void onAck(Request ackOfReInvite) {
        // the callee's re-INVITEs carry their offer; nothing waits for the ACK
    }

    @Override
    void onCancel(ServerTransaction cancelTx, Request cancel) {
        core.respond(cancelTx, cancel, 481, localTag); // we sent the INVITE: there is nothing of theirs to cancel
    }

    @Override
    synchronized void onBye(ServerTransaction tx, Request bye) {
        core.respond(tx, bye, 200, localTag);
        end(EndCause.CALLER_HANGUP, DialOutFailure.NOT_CONFIRMED);
    }

    @Override
    void onReInvite(ServerTransaction tx, Request r) {
        modifySession(tx, r);
    }

    @Override
    void onUpdate(ServerTransaction tx, Request r) {
        modifySession(tx, r);
    }

    /**
     * The callee's re-INVITE or UPDATE: a new offer goes to the leg; either refreshes the session
     * (RFC 4028). A re-INVITE without an offer is refused with 488 (we do not re-offer).
     */
    private synchronized void modifySession(ServerTransaction tx, Request r) {
        if (phase != Phase.CONFIRMING && phase != Phase.JOINED) {
            core.respond(tx, r, 481, localTag);
            return;
        }
        try {
            String offerIn = SdpBodies.sdpOf(r);
            String answer = null;
            if (offerIn != null) {
                try {
                    answer = leg.answer(offerIn);
                } catch (SdpException e) {
                    Response bad = responses.create(r, e.malformed() ? 400 : 488, localTag);
                    responses.addWarning(bad, e.warningCode(), e.warning());
                    tx.sendResponse(bad);
                    return;
                }
            } else if (Request.INVITE.equals(r.getMethod())) {
                core.respond(tx, r, 488, localTag);
                return;
            }
            Response ok = responses.create(r, 200, localTag);
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

    @Override
    void onInfo(ServerTransaction tx, Request r) {
        MediaLeg target;
        synchronized (this) {
            target = leg;
            if (phase == Phase.ENDED || target == null) {
                core.respond(tx, r, 481, localTag);
                return;
            }
        }
        InfoDigits.deliver(core, tx, r, target, localTag);
    }

    @Override
    synchronized void onResponse(Response response, ClientTransaction ct) {
        String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
        int status = response.getStatusCode();
        if (method.equals(Request.BYE) && status >= 200) {
            core.byeFinished(this);
        } else if (method.equals(Request.INVITE) && status >= 200 && status < 300 && ack != null && dialog != null) {
            try {
                dialog.sendAck(ack); // a retransmitted 2xx: our ACK was lost (RFC 3261 section 13.2.2.4)
            } catch (Exception e) {
                LOG.debug("could not re-send the ACK", e);
            }
        }
    }

    @Override
    synchronized void onClientTimeout(ClientTransaction ct) {
        if (ct == byeTx) {
            core.byeFinished(this);
        }
    }

    // ---------------------------------------------------------------- ending

    @Override
    void hangup(EndCause cause) {
        synchronized (this) {
            switch (phase) {
                case NEW -> end(cause, failureFor(cause));
                case INVITING -> {
                    cancelInvite();
                    end(EndCause.DIAL_OUT_FAILED, failureFor(cause));
                }
                case CONFIRMING, JOINED -> {
                    sendBye();
                    end(cause, failureFor(cause));
                }
                default -> { }
            }
        }
    }

    private static DialOutFailure failureFor(EndCause cause) {
        return switch (cause) {
            case SHUTDOWN -> DialOutFailure.SHUTDOWN;
            case HUNG_UP_BY_API -> DialOutFailure.CANCELLED;
            case MEDIA_TIMEOUT -> DialOutFailure.MEDIA;
            default -> DialOutFailure.ERROR;
        };
    }

    private void sendBye() {
        byeTx = sendBye(core, responses, dialog);
    }

    /** Releases everything and writes the CDR; the caller holds the monitor. Idempotent. */
    private void end(EndCause cause, DialOutFailure failureIfNotJoined) {
        if (phase == Phase.ENDED) {
            return;
        }
        phase = Phase.ENDED;
        cancel(ringTimer);
        cancel(hostTimer);
        refresher.cancel();
        if (confirmation != null) {
            confirmation.stop();
        }
        if (ivr != null) {
            ivr.stop();
        }
        state.finish(failureIfNotJoined);
        if (onNotJoined != null && state.status() == DialOutStatus.FAILED) {
            core.runAsync(callId, onNotJoined); // never run under this call's lock
        }
        String codec = null;
        org.voxgate.bridge.api.LegStats stats = null;
        if (leg != null) {
            leg.close();
            stats = leg.stats();
            codec = stats.codec();
        }
        core.removeCall(this);
        core.trunkLimits().release(trunk.id()); // the channel acquired in GatewayCore.dialOut
        Instant endTime = Instant.now();
        LOG.info("dial-out {} ended status={} failure={} sip={} duration={}s", id, state.status(), state.failure(),
                state.sipStatus(), Duration.between(startTime, endTime).toSeconds());
        int sip = state.sipStatus();
        core.callEnded(new CallRecord(callId, from(), "sip:" + request.number() + "@" + trunk.hosts().get(0),
                meetingId != null ? meetingId : request.meeting().id(), startTime, answerTime, endTime, cause, sip,
                codec, stats, trunk.id(), trunk.accountId(), from(), CallDirection.OUTBOUND));
    }

    private String from() {
        return "sip:" + (request.callerId() != null ? request.callerId() : "voxgate") + "@"
                + core.config().advertisedHost();
    }

    private static void cancel(Scheduler.Timer t) {
        if (t != null) {
            t.cancel();
        }
    }
}
