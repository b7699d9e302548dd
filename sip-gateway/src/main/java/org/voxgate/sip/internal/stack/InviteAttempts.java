package org.voxgate.sip.internal.stack;

import java.time.Duration;
import java.util.List;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.DialOutFailure;
import org.voxgate.sip.DialOutSettings;
import org.voxgate.sip.EndCause;
import org.voxgate.sip.SecurityReason;
import org.voxgate.sip.SipTarget;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.internal.schedule.Scheduler;

/**
 * The INVITE of one dial-out until it is answered (RFC 3261 sections 8.1, 13.2, 9.1): one
 * attempt per trunk host in failover order (RFC 3263 section 4.3), each with its own early
 * dialog; the ring and silent-host timers, the digest answer, CANCEL, the ACK of the 2xx, and
 * the ACK and BYE of a 2xx that comes after we gave up. Confined to the call's monitor; it ends
 * the call through {@link OutboundCall#end}.
 */
final class InviteAttempts {
    private static final Logger LOG = LoggerFactory.getLogger(InviteAttempts.class);

    private final OutboundCall call;
    private final GatewayCore core;
    private final Trunk trunk;
    private final DialOutSettings settings;
    private final OutboundInvite invites;
    private final OutboundMedia media;
    private final DialOutDigest digest;

    private final List<SipTarget> targets; // the trunk's hosts located (RFC 3263), in failover order
    private int hostIndex; // into targets
    private long cseq;
    private ClientTransaction inviteTx;
    private Request invite;
    private boolean provisional;
    private Dialog dialog;
    private Request ack;
    private Scheduler.Timer ringTimer;
    private Scheduler.Timer hostTimer;

    /** @param targets the trunk's hosts located (RFC 3263), in failover order, not empty */
    InviteAttempts(OutboundCall call, Trunk trunk, List<SipTarget> targets, DialOutSettings settings,
                   OutboundInvite invites, OutboundMedia media) {
        this.call = call;
        this.targets = List.copyOf(targets);
        this.core = call.core;
        this.trunk = trunk;
        this.settings = settings;
        this.invites = invites;
        this.media = media;
        this.digest = new DialOutDigest(core, trunk, this.targets.stream().map(SipTarget::address).toList());
    }

    /** Arms the ring timer and sends the first INVITE. */
    void start(Duration ring) {
        ringTimer = core.scheduler().schedule(ring, () -> core.runAsync(call.callId, this::onRingTimeout));
        sendInvite();
    }

    /** The dialog of the current attempt (the confirmed one once answered), or null. */
    Dialog dialog() {
        return dialog;
    }

    /** True when {@code ct} is the current attempt's INVITE. */
    boolean current(ClientTransaction ct) {
        return ct == inviteTx;
    }

    /** The current target (address, port, transport, and the host name it was located from). */
    SipTarget target() {
        return targets.get(hostIndex);
    }

    /** A 1xx: the host is alive, it is no longer timed. */
    void provisional() {
        provisional = true;
        DialogCall.cancel(hostTimer);
    }

    /** Stops both timers (answered or ended). */
    void stop() {
        DialogCall.cancel(ringTimer);
        DialogCall.cancel(hostTimer);
    }

    // ---------------------------------------------------------------- attempts and failover

    /** Sends a new INVITE to the current target; on a transport error, goes on to the next one. */
    private void sendInvite() {
        SipTarget target = target();
        String refused = core.refusedTrunkAddress(target.address()); // every resolved address, at every use
        if (refused != null) {
            LOG.warn("dial-out: target {} of {} refused: {}", target, target.host(), refused);
            core.securityLog().reject(target.host(), SecurityReason.SSRF_TARGET,
                    "dial-out to " + target.host() + " resolves to " + refused);
            failover();
            return;
        }
        try {
            sendPrepared(invites.build(target.host(), ++cseq, media.offer(), null));
        } catch (Exception e) {
            LOG.warn("dial-out: could not build the INVITE", e);
            call.end(EndCause.ERROR, DialOutFailure.ERROR);
        }
    }

    /** Sends {@code request} on a new client transaction and dialog; a transport error moves to the next host. */
    private void sendPrepared(Request request) {
        try {
            invite = request;
            core.stack().pin(request, target()); // to the checked address, not a new lookup
            ClientTransaction ct = core.stack().provider().getNewClientTransaction(request);
            ct.setApplicationData(call);
            if (dialog != null) {
                dialog.delete(); // the previous attempt's early dialog
            }
            dialog = core.stack().provider().getNewDialog(ct);
            inviteTx = ct;
            provisional = false;
            ct.sendRequest();
            armHostTimer(ct);
        } catch (Exception e) {
            LOG.info("dial-out: INVITE to {} failed: {}", target(), e.toString());
            failover();
        }
    }

    /** Tries the next host; when none is left the call ends as unreachable. */
    void failover() {
        DialogCall.cancel(hostTimer);
        hostTimer = null;
        hostIndex++;
        digest.nextHost();
        if (hostIndex >= targets.size()) {
            LOG.info("dial-out: no host of trunk {} answered", trunk.id());
            call.end(EndCause.DIAL_OUT_FAILED, DialOutFailure.UNREACHABLE);
            return;
        }
        LOG.info("dial-out: trying the next host {}", target());
        media.nextHost();
        sendInvite();
    }

    private void armHostTimer(ClientTransaction ct) {
        DialogCall.cancel(hostTimer);
        hostTimer = core.scheduler().schedule(settings.hostTimeout(), () -> core.runAsync(call.callId, () -> {
            synchronized (call) {
                if (call.inviting() && ct == inviteTx && !provisional) {
                    LOG.info("dial-out: host {} silent for {}", target(), settings.hostTimeout());
                    terminate(ct);
                    failover();
                }
            }
        }));
    }

    /** The INVITE transaction timed out: the next host. */
    void onTimeout(ClientTransaction ct) {
        if (ct == inviteTx) {
            LOG.info("dial-out: INVITE to {} timed out", target());
            failover();
        }
    }

    /** 401/407: the INVITE again with our digest answer, or the call ends (AUTH). */
    void challenged(ResponseEvent event, Response response) {
        Request next = digest.answer(event, invite, response);
        if (next == null) {
            call.end(EndCause.DIAL_OUT_FAILED, DialOutFailure.AUTH);
            return;
        }
        cseq = ((CSeqHeader) next.getHeader(CSeqHeader.NAME)).getSeqNumber();
        sendPrepared(next);
    }

    // ---------------------------------------------------------------- the end of the INVITE

    /** ACKs the 2xx; false when the ACK could not be sent. */
    boolean answered(Response response) {
        try {
            ack = DialogCall.ack2xx(dialog, response);
        } catch (Exception e) {
            LOG.warn("dial-out: could not ACK the 200", e);
            return false;
        }
        digest.accepted();
        return true;
    }

    /** A retransmitted 2xx: our ACK was lost (RFC 3261 section 13.2.2.4). */
    void resendAck() {
        if (ack == null || dialog == null) {
            return;
        }
        try {
            dialog.sendAck(ack);
        } catch (Exception e) {
            LOG.debug("could not re-send the ACK", e);
        }
    }

    private void onRingTimeout() {
        synchronized (call) {
            if (call.inviting()) {
                LOG.info("dial-out: no answer within the ring timeout");
                cancel();
                call.end(EndCause.DIAL_OUT_FAILED, DialOutFailure.NO_ANSWER);
            }
        }
    }

    /** RFC 3261 section 9.1: CANCEL only after a provisional response; before it, the transaction is dropped. */
    void cancel() {
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

    /** A 2xx after we gave up (CANCEL crossed it, or an abandoned host): ACK it and hang up at once. */
    static void lateAnswer(GatewayCore core, Response response, Dialog late) {
        if (late == null) {
            return;
        }
        try {
            DialogCall.ack2xx(late, response);
            late.sendRequest(DialogCall.newBye(core, core.responses(), late));
            LOG.info("dial-out: answered after we gave up; ACK and BYE sent");
        } catch (Exception e) {
            LOG.debug("could not end a late answer", e);
        }
    }
}
