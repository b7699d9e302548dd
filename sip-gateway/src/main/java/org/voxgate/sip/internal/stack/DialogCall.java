package org.voxgate.sip.internal.stack;

import javax.sip.ClientTransaction;
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
