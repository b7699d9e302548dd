package org.voxgate.sip.internal.stack;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.voxgate.sip.EndCause;

/**
 * A call with a dialog, whichever side placed it: a dial-in ({@link SipCall}, we are the UAS)
 * or a dial-out ({@link OutboundCall}, we are the UAC). {@link GatewayCore} keeps them by
 * Call-ID and {@link SipDispatcher} hands them the requests, responses and timeouts of their
 * dialog. Each guards its SIP state with its own monitor.
 */
abstract class DialogCall {
    final String callId;

    DialogCall(String callId) {
        this.callId = callId;
    }

    /**
     * Sends BYE in {@code dialog} and tells {@code core} a BYE is pending (so shutdown waits for
     * its answer). The caller holds its monitor, so the answer cannot be handled before the
     * returned transaction is stored.
     *
     * @return the BYE's transaction, or null when it could not be sent (the BYE is then finished)
     */
    final ClientTransaction sendBye(GatewayCore core, Responses responses, Dialog dialog) {
        try {
            Request bye = dialog.createRequest(Request.BYE);
            responses.setUserAgent(bye);
            ClientTransaction ct = core.stack().provider().getNewClientTransaction(bye);
            core.byeStarted(this);
            dialog.sendRequest(ct);
            return ct;
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(getClass()).warn("could not send BYE", e);
            core.byeFinished(this);
            return null;
        }
    }

    /** True when an in-dialog request belongs to this call (Call-ID, both tags). */
    abstract boolean matchesDialog(Request request);

    abstract void onAck(Request ack);

    abstract void onCancel(ServerTransaction cancelTx, Request cancel);

    abstract void onBye(ServerTransaction tx, Request bye);

    abstract void onReInvite(ServerTransaction tx, Request request);

    abstract void onUpdate(ServerTransaction tx, Request request);

    abstract void onInfo(ServerTransaction tx, Request request);

    /** A response to one of our in-dialog requests (BYE, refresh), or a 2xx retransmission. */
    abstract void onResponse(Response response, ClientTransaction ct);

    abstract void onClientTimeout(ClientTransaction ct);

    /** Ends the call from our side; any thread. */
    abstract void hangup(EndCause cause);
}
