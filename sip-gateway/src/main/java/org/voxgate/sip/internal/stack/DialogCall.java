package org.voxgate.sip.internal.stack;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.header.CSeqHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.bridge.api.LegStats;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.SdpException;
import org.voxgate.sip.EndCause;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.internal.ivr.IvrLegListener;
import org.voxgate.sip.internal.ivr.IvrMachine;
import org.voxgate.sip.internal.ivr.IvrOutcome;
import org.voxgate.sip.internal.schedule.Scheduler;

/**
 * A call with a dialog, whichever side placed it: a dial-in ({@link SipCall}, we are the UAS)
 * or a dial-out ({@link OutboundCall}, we are the UAC). {@link GatewayCore} keeps them by
 * Call-ID and {@link SipDispatcher} hands them the requests, responses and timeouts of their
 * dialog. Each guards its SIP state with its own monitor; the helpers here that touch state
 * ({@link #sendBye}, {@link #byeTimedOut}) are called holding it.
 */
abstract class DialogCall {
    private static final Logger LOG = LoggerFactory.getLogger(DialogCall.class);

    final String callId;
    final GatewayCore core;
    final Responses responses;
    /** Our tag in the dialog (To for dial-in, From for dial-out). */
    final String localTag = Responses.newTag();
    /** Our BYE's transaction, guarded by the subclass's monitor. */
    private ClientTransaction byeTx;

    DialogCall(GatewayCore core, String callId) {
        this.core = core;
        this.responses = core.responses();
        this.callId = callId;
    }

    // ---------------------------------------------------------------- BYE (RFC 3261 section 15.1)

    /**
     * Sends BYE in {@code dialog} and tells the core a BYE is pending (so shutdown waits for its
     * answer). The caller holds its monitor, so the answer cannot be handled before the
     * transaction is stored; when it cannot be sent, the BYE is finished at once.
     */
    final void sendBye(Dialog dialog) {
        try {
            byeTx = newBye(core, responses, dialog);
            core.byeStarted(this);
            dialog.sendRequest(byeTx);
        } catch (Exception e) {
            LOG.warn("could not send BYE", e);
            byeTx = null;
            core.byeFinished(this);
        }
    }

    /** The client transaction of a new BYE in {@code dialog}, not yet sent. */
    static ClientTransaction newBye(GatewayCore core, Responses responses, Dialog dialog) throws Exception {
        Request bye = dialog.createRequest(Request.BYE);
        responses.setUserAgent(bye);
        return core.stack().provider().getNewClientTransaction(bye);
    }

    /** True (and the BYE finished) when {@code ct} is our BYE's; the caller holds the monitor. */
    final boolean byeTimedOut(ClientTransaction ct) {
        if (ct != null && ct == byeTx) {
            core.byeFinished(this);
            return true;
        }
        return false;
    }

    /** RFC 3261 section 13.2.2.4: the ACK of a 2xx is built and sent by the dialog; returns the ACK. */
    static Request ack2xx(Dialog dialog, Response response) throws Exception {
        long seq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
        Request ack = dialog.createAck(seq);
        dialog.sendAck(ack);
        return ack;
    }

    // ---------------------------------------------------------------- media and IVR

    /** Posts {@link #hangup(EndCause)} to the call executor (for timers and listeners). */
    final void postHangup(EndCause cause) {
        core.runAsync(callId, () -> hangup(cause));
    }

    /** The leg listener of this call: a media timeout hangs up. */
    final IvrLegListener newLegListener() {
        return new IvrLegListener(() -> postHangup(EndCause.MEDIA_TIMEOUT));
    }

    /** A session timer whose expiry hangs up; {@code onRefreshDue} runs on the timer thread. */
    final SessionRefresher newRefresher(Runnable onRefreshDue) {
        return new SessionRefresher(core.scheduler(), () -> postHangup(EndCause.SESSION_EXPIRED), onRefreshDue);
    }

    /** The IVR on {@code leg}, reporting to {@code outcome}; not started. */
    final IvrMachine newIvr(MediaLeg leg, IvrOutcome outcome) {
        return new IvrMachine(core.ivrSettings(), core.directory(), core.bridge(), leg, core.scheduler(), outcome);
    }

    /**
     * The answer of {@code leg} to the offer in a re-INVITE or UPDATE, or null after refusing the
     * request with 400 (malformed) or 488 and a Warning: RFC 3261 section 14.2, a rejected
     * re-offer leaves the session as it was.
     */
    final String answerReOffer(ServerTransaction tx, Request request, MediaLeg leg, String offer) throws Exception {
        try {
            return leg.answer(offer);
        } catch (SdpException e) {
            Response r = responses.create(request, e.malformed() ? 400 : 488, localTag);
            responses.addWarning(r, e.warningCode(), e.warning());
            tx.sendResponse(r);
            return null;
        }
    }

    /**
     * Closes {@code leg} (if any), forgets the call and gives back the trunk's channel (if any);
     * once per call, holding the monitor.
     *
     * @return the leg's statistics, or null without a leg
     */
    final LegStats release(MediaLeg leg, Trunk trunk) {
        LegStats stats = null;
        if (leg != null) {
            leg.close();
            stats = leg.stats();
        }
        core.removeCall(this);
        if (trunk != null) {
            core.trunkLimits().release(trunk.id());
        }
        return stats;
    }

    static void cancel(Scheduler.Timer t) {
        if (t != null) {
            t.cancel();
        }
    }

    // ---------------------------------------------------------------- in the dialog

    /** The leg INFO digits go to, or null when the call has none or has ended; takes the monitor. */
    abstract MediaLeg infoTarget();

    /** RFC 6086 INFO: DTMF relay bodies are fed into the leg; empty INFO is a keep-alive. */
    final void onInfo(ServerTransaction tx, Request request) {
        MediaLeg target = infoTarget();
        if (target == null) {
            core.respond(tx, request, 481, localTag);
            return;
        }
        InfoDigits.deliver(core, tx, request, target, localTag);
    }

    /** True when an in-dialog request belongs to this call (Call-ID, both tags). */
    final boolean matchesDialog(Request request) {
        String fromTag = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
        String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
        return localTag.equals(toTag) && remoteTagMatches(fromTag);
    }

    /** True when {@code fromTag} of an in-dialog request is the peer's tag in this dialog. */
    abstract boolean remoteTagMatches(String fromTag);

    abstract void onAck(Request ack);

    abstract void onCancel(ServerTransaction cancelTx, Request cancel);

    abstract void onBye(ServerTransaction tx, Request bye);

    abstract void onReInvite(ServerTransaction tx, Request request);

    abstract void onUpdate(ServerTransaction tx, Request request);

    /** A response to one of our in-dialog requests (BYE, refresh), or a 2xx retransmission. */
    abstract void onResponse(Response response, ClientTransaction ct);

    abstract void onClientTimeout(ClientTransaction ct);

    /** Ends the call from our side; any thread. */
    abstract void hangup(EndCause cause);
}
