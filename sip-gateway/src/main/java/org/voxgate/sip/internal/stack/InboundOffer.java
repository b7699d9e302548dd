package org.voxgate.sip.internal.stack;

import java.text.ParseException;
import java.util.function.Consumer;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.bridge.api.BridgeException;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.SdpException;
import org.voxgate.sip.DialPlanRoute;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.internal.ivr.IvrLegListener;
import org.voxgate.sip.internal.sessiontimer.SessionTimerDecision;

/**
 * How a dial-in INVITE is answered, decided before the call takes its monitor: the RFC 4028
 * interval (422), the dial plan (404; a trunk reaches its own account's numbers only), the
 * media leg (503 when the bridge refuses one) and our SDP: the answer, or our offer for a
 * late-offer INVITE (400/488 when unusable).
 */
final class InboundOffer {
    private static final Logger LOG = LoggerFactory.getLogger(InboundOffer.class);

    /** Why a trunk that requires SRTP refuses a request without an offer (Warning 302). */
    static final String SRTP_NEEDS_OFFER =
            "SRTP is required on this trunk; send an SDP offer with RTP/SAVP (SDES over SIP-TLS) or DTLS-SRTP";

    /** Adds headers to a rejection. */
    interface Customizer {
        void apply(Response r) throws ParseException;
    }

    /** {@link Reject} or {@link Answer}. */
    sealed interface Decision permits Reject, Answer {
    }

    /** Refuse the INVITE with {@code status}; {@code customizer} may be null. */
    record Reject(int status, Customizer customizer) implements Decision {
    }

    /** Answer with {@code sdp} on {@code leg}, which the caller now owns (our offer when {@code lateOffer}). */
    record Answer(MediaLeg leg, DialPlanRoute route, SessionTimerDecision timer, String sdp, boolean lateOffer)
            implements Decision {
    }

    private InboundOffer() {
    }

    /**
     * @param overTls      the INVITE came over TLS (SDES keys may travel only in SDP over TLS)
     * @param trunk        the trunk the call came over, or null
     * @param accountKnown told the called number's account as soon as it is known
     */
    static Decision decide(GatewayCore core, String callId, Request invite, Trunk trunk, boolean overTls,
                           IvrLegListener legListener, Consumer<String> accountKnown) {
        SessionTimerDecision timer = core.policy().decide(SessionTimerHeaders.read(invite));
        if (timer.kind() == SessionTimerDecision.Kind.TOO_SMALL) {
            return new Reject(422, r -> SessionTimerHeaders.writeMinSe(r, core.stack().headerFactory(), timer));
        }
        DialPlanRoute route = core.directory().route(SipDispatcher.calledNumber(invite));
        if (route == null || route.kind() == DialPlanRoute.Kind.NOT_FOUND) {
            return new Reject(404, null);
        }
        if (trunk != null && !trunk.accountId().equals(route.accountId())) {
            // a trunk reaches its own account's numbers only; 404 reveals nothing about the others
            LOG.info("number not of trunk {}'s account", trunk.id());
            return new Reject(404, null);
        }
        accountKnown.accept(route.accountId());
        LegOptions options = LegOptions.forCall(callId).withSecureSignalling(overTls);
        if (trunk != null) {
            options = options.withCodecs(trunk.codecs())
                    .withSrtpPolicy(LegOptions.SrtpPolicy.valueOf(trunk.srtpPolicy().name()));
        }
        MediaLeg leg;
        try {
            leg = core.bridge().openLeg(options, legListener);
        } catch (BridgeException e) {
            LOG.warn("bridge refused a leg: {} {}", e.reason(), e.getMessage());
            return new Reject(503, resp -> core.responses().addRetryAfter(resp, 30));
        }
        try {
            return sdp(core, invite, trunk, leg, route, timer);
        } catch (RuntimeException e) {
            leg.close(); // not yet owned by the call: release it here
            throw e;
        }
    }

    private static Decision sdp(GatewayCore core, Request invite, Trunk trunk, MediaLeg leg, DialPlanRoute route,
                                SessionTimerDecision timer) {
        Responses responses = core.responses();
        String offer = SdpBodies.sdpOf(invite);
        boolean lateOffer = offer == null;
        if (lateOffer && srtpRequired(trunk)) {
            leg.close();
            return new Reject(488, resp -> responses.addWarning(resp, 302, SRTP_NEEDS_OFFER));
        }
        try {
            return new Answer(leg, route, timer, lateOffer ? leg.createOffer() : leg.answer(offer), lateOffer);
        } catch (SdpException e) {
            leg.close();
            return new Reject(e.malformed() ? 400 : 488,
                    resp -> responses.addWarning(resp, e.warningCode(), e.warning()));
        }
    }

    /** Our own offers are RTP/AVP, so a trunk that requires SRTP must send the offer itself. */
    static boolean srtpRequired(Trunk trunk) {
        return trunk != null && trunk.srtpPolicy() == Trunk.SrtpPolicy.REQUIRED;
    }
}
