package org.voxgate.sip.internal.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.bridge.api.BridgeException;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.LegStats;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.sip.CallDirection;
import org.voxgate.sip.CallRecord;
import org.voxgate.sip.DialOutFailure;
import org.voxgate.sip.DialOutRequest;
import org.voxgate.sip.DialOutSettings;
import org.voxgate.sip.DialOutStatus;
import org.voxgate.sip.EndCause;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.internal.dialout.DialOutState;
import org.voxgate.sip.internal.dialout.InviteOutcome;
import org.voxgate.sip.internal.ivr.IvrEnd;
import org.voxgate.sip.internal.ivr.IvrLegListener;

/**
 * One dial-out as a UAC (RFC 3261 sections 8.1, 13.2, 9.1 CANCEL, 15.1 BYE): its phases, what
 * each INVITE response does to them, and the end with its CDR. The INVITE across the trunk's
 * hosts is {@link InviteAttempts}, the offer/answer {@link OutboundMedia}, the callee's way
 * into the meeting {@link CalleeJoin}, its requests in the dialog {@link CalleeRequests}; the
 * decisions without SIP live in {@code internal.dialout} (see its drawing). SIP state is
 * guarded by this object's monitor, which all of them share; the confirmation and the IVR have
 * their own and never call back synchronously, so the lock order is call, then
 * confirmation/IVR, as for dial-in.
 */
final class OutboundCall extends DialogCall implements ClientHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundCall.class);

    private enum Phase { NEW, INVITING, CONFIRMING, JOINED, ENDED }

    private final DialOutRequest request;
    private final Trunk trunk;
    private final DialOutSettings settings;
    private final String id = UUID.randomUUID().toString();
    private final DialOutState state = new DialOutState();
    private final DialOutHandle handle;
    private final IvrLegListener legListener = newLegListener();
    private final Instant startTime = Instant.now();
    private final OutboundInvite invites;
    private final CalleeJoin callee;
    private final CalleeRequests inDialog;
    private final Runnable onNotJoined;

    private Phase phase = Phase.NEW;
    private OutboundMedia media;
    private InviteAttempts attempts;
    private String remoteTag;
    private Instant answerTime;

    /** @param onNotJoined posted when the call ends without the callee joining (keypad dial-out), or null */
    OutboundCall(GatewayCore core, String callId, DialOutRequest request, Trunk trunk, DialOutSettings settings,
                 Runnable onNotJoined) {
        super(core, callId);
        this.onNotJoined = onNotJoined;
        this.request = request;
        this.trunk = trunk;
        this.settings = settings;
        this.invites = new OutboundInvite(core, trunk, request, callId, localTag);
        this.handle = new DialOutHandle(id, this, request, state);
        this.callee = new CalleeJoin(this, state, legListener);
        // The callee is the UAS: when it refreshes (refresher=uas), SessionRefresher's "peer refreshes"
        // case is the one it calls UAC (written for dial-in, where the peer is the UAC).
        this.inDialog = new CalleeRequests(this, invites, newRefresher(() -> { }));
    }

    /** The API's handle of this call. */
    DialOutHandle handle() {
        return handle;
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
            media = new OutboundMedia(newLeg);
            if (located.isEmpty()) {
                LOG.info("dial-out: no host of trunk {} resolves", trunk.id());
                end(EndCause.DIAL_OUT_FAILED, DialOutFailure.UNREACHABLE);
                return;
            }
            attempts = new InviteAttempts(this, trunk, located, settings, invites, media);
            phase = Phase.INVITING;
            LOG.info("dial-out {} to {} via trunk {} for meeting {}", id, request.number(), trunk.id(),
                    request.meeting().id());
            attempts.start(request.ringTimeout() != null ? request.ringTimeout() : settings.ringTimeout());
        }
    }

    /** True while the INVITE is out; the caller holds the monitor. */
    boolean inviting() {
        return phase == Phase.INVITING;
    }

    /** True once answered and until the end; the caller holds the monitor. */
    boolean inDialog() {
        return phase == Phase.CONFIRMING || phase == Phase.JOINED;
    }

    /** The leg once placed, else null; the caller holds the monitor. */
    MediaLeg leg() {
        return media == null ? null : media.leg();
    }

    // ---------------------------------------------------------------- responses to the INVITE

    @Override
    public synchronized void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        ClientTransaction ct = event.getClientTransaction();
        if (phase == Phase.ENDED || attempts == null || !attempts.current(ct)) {
            if (status >= 200 && status < 300) {
                // after our CANCEL or from an abandoned host
                InviteAttempts.lateAnswer(core, response, event.getDialog() != null ? event.getDialog()
                        : attempts == null ? null : attempts.dialog());
            }
            return;
        }
        if (phase != Phase.INVITING) {
            return; // a retransmitted 2xx is handled in onResponse(Response, ClientTransaction)
        }
        String sdp = SdpBodies.sdpOf(response);
        switch (InviteOutcome.of(status, sdp != null)) {
            case TRYING -> attempts.provisional();
            case RINGING -> {
                attempts.provisional();
                state.advance(DialOutStatus.RINGING);
            }
            case EARLY_MEDIA -> {
                attempts.provisional();
                state.advance(DialOutStatus.RINGING);
                if (media.takeAnswer(sdp)) {
                    state.advance(DialOutStatus.EARLY_MEDIA); // heard on our leg only: not in the meeting
                }
            }
            case ANSWERED -> answered(response, sdp);
            case CHALLENGE -> {
                state.sipStatus(status);
                attempts.challenged(event, response);
            }
            case NEXT_HOST -> {
                state.sipStatus(status);
                LOG.info("dial-out: {} from {}", status, attempts.target());
                attempts.failover();
            }
            case FAILED -> {
                state.sipStatus(status);
                LOG.info("dial-out: {} from the trunk", status);
                end(EndCause.DIAL_OUT_FAILED, InviteOutcome.failure(status));
            }
        }
    }

    private void answered(Response response, String sdp) {
        state.sipStatus(response.getStatusCode());
        attempts.stop();
        remoteTag = ((ToHeader) response.getHeader(ToHeader.NAME)).getTag();
        if (!attempts.answered(response)) {
            end(EndCause.ERROR, DialOutFailure.ERROR);
            return;
        }
        answerTime = Instant.now();
        if (!media.takeAnswer(sdp)) {
            sendBye(attempts.dialog());
            end(EndCause.BAD_ANSWER, DialOutFailure.MEDIA);
            return;
        }
        phase = Phase.CONFIRMING;
        state.advance(DialOutStatus.ANSWERED_AWAITING_CONFIRM);
        inDialog.answered(response);
        LOG.info("dial-out answered; asking the callee to press 1");
        callee.confirm(media.leg(), settings);
    }

    @Override
    public synchronized void onTimeout(TimeoutEvent event) {
        if (phase == Phase.INVITING) {
            attempts.onTimeout(event.getClientTransaction());
        }
    }

    // ---------------------------------------------------------------- confirmation and meeting

    synchronized void join() {
        if (phase != Phase.CONFIRMING) {
            return;
        }
        phase = Phase.JOINED;
        callee.join(media.leg(), request.meeting());
    }

    synchronized void ivrEnded(IvrEnd reason) {
        if (phase == Phase.JOINED) {
            sendBye(attempts.dialog());
            end(EndCause.IVR_ENDED, DialOutFailure.MEETING_UNAVAILABLE);
        }
    }

    synchronized void notConfirmed() {
        if (phase == Phase.CONFIRMING) {
            LOG.info("dial-out not confirmed by the callee");
            sendBye(attempts.dialog());
            end(EndCause.DIAL_OUT_FAILED, DialOutFailure.NOT_CONFIRMED);
        }
    }

    // ---------------------------------------------------------------- requests in the dialog

    @Override
    synchronized boolean remoteTagMatches(String fromTag) {
        return remoteTag != null && remoteTag.equals(fromTag); // none before the answer
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
        inDialog.modifySession(tx, r);
    }

    @Override
    void onUpdate(ServerTransaction tx, Request r) {
        inDialog.modifySession(tx, r);
    }

    @Override
    synchronized MediaLeg infoTarget() {
        return phase == Phase.ENDED ? null : leg();
    }

    @Override
    synchronized void onResponse(Response response, ClientTransaction ct) {
        String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
        int status = response.getStatusCode();
        if (method.equals(Request.BYE) && status >= 200) {
            core.byeFinished(this);
        } else if (method.equals(Request.INVITE) && status >= 200 && status < 300 && attempts != null) {
            attempts.resendAck();
        }
    }

    @Override
    synchronized void onClientTimeout(ClientTransaction ct) {
        byeTimedOut(ct);
    }

    // ---------------------------------------------------------------- ending

    @Override
    void hangup(EndCause cause) {
        synchronized (this) {
            switch (phase) {
                case NEW -> end(cause, DialOutState.failureFor(cause));
                case INVITING -> {
                    attempts.cancel();
                    end(EndCause.DIAL_OUT_FAILED, DialOutState.failureFor(cause));
                }
                case CONFIRMING, JOINED -> {
                    sendBye(attempts.dialog());
                    end(cause, DialOutState.failureFor(cause));
                }
                default -> { }
            }
        }
    }

    /** Releases everything and writes the CDR; the caller holds the monitor. Idempotent. */
    void end(EndCause cause, DialOutFailure failureIfNotJoined) {
        if (phase == Phase.ENDED) {
            return;
        }
        phase = Phase.ENDED;
        if (attempts != null) {
            attempts.stop();
        }
        inDialog.ended();
        callee.stop();
        state.finish(failureIfNotJoined);
        if (onNotJoined != null && state.status() == DialOutStatus.FAILED) {
            core.runAsync(callId, onNotJoined); // never run under this call's lock
        }
        LegStats stats = release(leg(), trunk); // the channel acquired in GatewayCore.dialOut
        Instant endTime = Instant.now();
        LOG.info("dial-out {} ended status={} failure={} sip={} duration={}s", id, state.status(), state.failure(),
                state.sipStatus(), Duration.between(startTime, endTime).toSeconds());
        String meetingId = callee.meetingId();
        core.callEnded(new CallRecord(callId, from(), "sip:" + request.number() + "@" + trunk.hosts().get(0),
                meetingId != null ? meetingId : request.meeting().id(), startTime, answerTime, endTime, cause,
                state.sipStatus(), stats == null ? null : stats.codec(), stats, trunk.id(), trunk.accountId(),
                from(), CallDirection.OUTBOUND));
    }

    private String from() {
        return "sip:" + (request.callerId() != null ? request.callerId() : "voxgate") + "@"
                + core.config().advertisedHost();
    }
}
