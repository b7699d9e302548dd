package org.voxgate.sip.internal.stack;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.SdpException;
import org.voxgate.sip.internal.sessiontimer.SessionTimerDecision;

/**
 * The offer/answer of an answered dial-in: the answer in the ACK of a late-offer INVITE,
 * re-INVITEs and UPDATEs (hold, resume, codec change, session refresh; RFC 3261 section 14.2,
 * RFC 3311, RFC 4028), and our own refresh request when we are the refresher. Confined to the
 * call's monitor.
 */
final class InboundMedia {
    private static final Logger LOG = LoggerFactory.getLogger(InboundMedia.class);

    private final SipCall call;
    private final MediaLeg leg;
    private final SessionRefresher refresher;
    private final boolean srtpRequired;
    private boolean answerInAck;
    private String lastLocalSdp;

    /**
     * @param sdp       what our 200 to the INVITE carries
     * @param lateOffer that SDP is our offer, so the answer comes in the ACK
     */
    InboundMedia(SipCall call, MediaLeg leg, SessionRefresher refresher, boolean srtpRequired, String sdp,
                 boolean lateOffer) {
        this.call = call;
        this.leg = leg;
        this.refresher = refresher;
        this.srtpRequired = srtpRequired;
        this.lastLocalSdp = sdp;
        this.answerInAck = lateOffer;
    }

    /** True while our last offer waits for its answer in an ACK. */
    boolean answerPending() {
        return answerInAck;
    }

    /** Late offer: the answer arrives in the ACK. False when it is missing or unusable. */
    boolean takeAnswer(Request ack) {
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
            return false;
        }
    }

    /**
     * Answers a re-INVITE ({@code invite}) or UPDATE: 422 below our Min-SE, the leg's answer to a
     * new offer, our offer for a re-INVITE without one (488 on a trunk that requires SRTP),
     * a bare refresh otherwise; the session timer is re-armed before the 200 leaves.
     */
    void modify(ServerTransaction tx, Request request, boolean invite) {
        GatewayCore core = call.core;
        Responses responses = call.responses;
        SessionTimerDecision timer = core.policy().decide(SessionTimerHeaders.read(request));
        try {
            if (timer.kind() == SessionTimerDecision.Kind.TOO_SMALL) {
                Response r = responses.create(request, 422, call.localTag);
                SessionTimerHeaders.writeMinSe(r, core.stack().headerFactory(), timer);
                tx.sendResponse(r);
                return;
            }
            String offer = SdpBodies.sdpOf(request);
            String sdp = null;
            if (offer != null) {
                sdp = call.answerReOffer(tx, request, leg, offer);
                if (sdp == null) {
                    return;
                }
            } else if (invite && srtpRequired) {
                Response r = responses.create(request, 488, call.localTag); // the session stays as it was
                responses.addWarning(r, 302, InboundOffer.SRTP_NEEDS_OFFER);
                tx.sendResponse(r);
                return;
            } else if (invite) {
                sdp = leg.createOffer();
                answerInAck = true;
            }
            Response ok = responses.create(request, 200, call.localTag);
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

    /**
     * A final response to our refresh: a 2xx to a re-INVITE is ACKed, a 2xx re-arms the timer
     * with the interval it names, another failure leaves the session as it was (we try again).
     *
     * @return false when the session must end (408 or 481, RFC 4028 section 10)
     */
    boolean refreshAnswered(Response response, Dialog dialog) {
        int status = response.getStatusCode();
        String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
        if (method.equals(Request.INVITE) && status < 300 && dialog != null) {
            try {
                DialogCall.ack2xx(dialog, response);
            } catch (Exception e) {
                LOG.warn("could not ACK our refresh", e);
            }
        }
        if (status == 408 || status == 481) {
            return false;
        } else if (status < 300) {
            refresher.refreshAccepted(response);
        } else {
            refresher.start();
        }
        return true;
    }

    /**
     * We are the refresher (RFC 4028 section 7.4): UPDATE when the peer allows it, else a
     * re-INVITE with our last SDP.
     *
     * @param invite the dial-in's INVITE (our Contact is on its transport)
     */
    void sendRefresh(Dialog dialog, boolean peerAllowsUpdate, Request invite) throws Exception {
        Responses responses = call.responses;
        Request refresh = dialog.createRequest(peerAllowsUpdate ? Request.UPDATE : Request.INVITE);
        refresher.writeRefreshHeaders(refresh, call.core.stack().headerFactory());
        responses.setUserAgent(refresh);
        refresh.setHeader(responses.contact(invite));
        if (!peerAllowsUpdate) {
            responses.setSdp(refresh, lastLocalSdp);
        }
        ClientTransaction ct = call.core.stack().provider().getNewClientTransaction(refresh);
        dialog.sendRequest(ct);
    }
}
