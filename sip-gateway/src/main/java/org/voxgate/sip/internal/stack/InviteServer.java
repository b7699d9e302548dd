package org.voxgate.sip.internal.stack;

import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.internal.sessiontimer.SessionTimerDecision;

/**
 * The final responses to a dial-in's INVITE (RFC 3261 section 13.3.1): the 200 with our SDP and
 * session timer that creates the dialog, or a rejection. Called under the call's monitor.
 */
final class InviteServer {
    private static final Logger LOG = LoggerFactory.getLogger(InviteServer.class);

    private final GatewayCore core;
    private final Request invite;
    private final ServerTransaction tx;
    private final String localTag;

    InviteServer(GatewayCore core, Request invite, ServerTransaction tx, String localTag) {
        this.core = core;
        this.invite = invite;
        this.tx = tx;
        this.localTag = localTag;
    }

    /** Whether the INVITE arrived over TLS (the transport it really came on, not what Via claims). */
    boolean overTls() {
        return tx instanceof gov.nist.javax.sip.TransactionExt t && "TLS".equalsIgnoreCase(t.getTransport());
    }

    /**
     * Sends 200 with {@code sdp} and the session timer {@code timer}.
     *
     * @return the dialog, or null when the 200 could not be sent (a 500 was tried instead)
     */
    Dialog ok(String sdp, SessionTimerDecision timer) {
        Responses responses = core.responses();
        try {
            Dialog dialog = core.stack().provider().getNewDialog(tx);
            Response ok = responses.create(invite, 200, localTag);
            ok.setHeader(responses.contact(invite));
            SessionTimerHeaders.write(ok, core.stack().headerFactory(), timer);
            responses.setSdp(ok, sdp);
            tx.sendResponse(ok);
            return dialog;
        } catch (Exception e) {
            LOG.warn("could not send 200 OK", e);
            try {
                tx.sendResponse(responses.create(invite, 500, localTag));
            } catch (Exception again) {
                LOG.debug("could not send 500 either", again);
            }
            return null;
        }
    }

    /** Sends the final {@code status}, with the headers {@code customizer} adds (may be null). Never throws. */
    void reject(int status, InboundOffer.Customizer customizer) {
        try {
            Response r = core.responses().create(invite, status, localTag);
            if (customizer != null) {
                customizer.apply(r);
            }
            tx.sendResponse(r);
        } catch (Exception e) {
            LOG.warn("could not send {}", status, e);
        }
    }
}
