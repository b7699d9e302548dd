package org.voxgate.sip.internal.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.SdpException;

/**
 * The offer/answer of one dial-out's leg: the offer every INVITE carries, and the one answer
 * (183 or 200) the leg takes for it. Confined to the call's monitor.
 */
final class OutboundMedia {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundMedia.class);

    private final MediaLeg leg;
    private String offer;
    private boolean answerTaken;

    /** Builds our first offer on {@code leg}. */
    OutboundMedia(MediaLeg leg) {
        this.leg = leg;
        this.offer = leg.createOffer();
    }

    MediaLeg leg() {
        return leg;
    }

    /** The offer the next INVITE carries. */
    String offer() {
        return offer;
    }

    /** The first answer (183 or 200) is the one we take: the bridge accepts one answer per offer. */
    boolean takeAnswer(String sdp) {
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

    /**
     * Another host is tried: the last host's early answer is not the next host's, so offer again
     * (the bridge takes one answer per offer).
     */
    void nextHost() {
        if (answerTaken) {
            offer = leg.createOffer();
            answerTaken = false;
        }
    }
}
