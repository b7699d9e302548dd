package org.voxgate.bridge.api;

/**
 * Events of one leg. Calls for one leg arrive one at a time, in order, on a bridge event
 * thread; implementations must return quickly and must not block.
 */
public interface LegListener {

    /** A DTMF digit ended (duplicates from redundant RFC 4733 packets already removed). */
    void onDtmf(MediaLeg leg, DtmfEvent event);

    /**
     * The prompt list given to {@link MediaLeg#play} finished.
     *
     * @param completed false when it was stopped or replaced before its end
     */
    default void onPlaybackFinished(MediaLeg leg, boolean completed) {}

    /** No RTP or RTCP arrived for the configured media timeout: the call is dead. */
    void onMediaTimeout(MediaLeg leg);

    /**
     * The leg's SRTP keying failed for good (DTLS-SRTP: the peer's certificate did not match
     * its a=fingerprint, no common profile, handshake timeout): the leg sends and accepts no
     * media any more. By default treated like {@link #onMediaTimeout(MediaLeg)}: the call is
     * dead.
     *
     * @param reason what failed, for logs
     */
    default void onMediaSecurityFailure(MediaLeg leg, String reason) {
        onMediaTimeout(leg);
    }
}
