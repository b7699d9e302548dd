package org.voxgate.bridge.api;

import java.util.Optional;

/**
 * Entry point of the audio bridge: opens media legs and holds conferences.
 *
 * <p>Created by the server's composition root from a {@code BridgeConfig}; closed on shutdown,
 * which closes every leg and conference it still holds.
 */
public interface MediaBridge extends AutoCloseable {

    /**
     * Opens a leg and binds its RTP/RTCP port pair from the configured range.
     *
     * @param options  who the leg is for (call id for logs, codec preference)
     * @param listener receives DTMF, playback and timeout events for this leg
     * @throws BridgeException with {@link BridgeException.Reason#NO_PORTS} when the range is
     *     exhausted, or {@link BridgeException.Reason#CLOSED} after {@link #close()}
     */
    MediaLeg openLeg(LegOptions options, LegListener listener) throws BridgeException;

    /**
     * Returns the conference with this id, creating it with {@code options} when absent.
     * Options of an existing conference are left as they are.
     *
     * <p>A conference that has had no participants for the idle grace (30 s by default) and
     * was not returned by this method within that grace closes by itself, so a caller that
     * joins within the grace after this call never meets a closed conference. A later call
     * with the same id creates a new one.
     */
    Conference conference(String conferenceId, ConferenceOptions options);

    /**
     * The conference with this id, if one is live. Unlike {@link #conference}, looking does not
     * keep an empty conference from closing.
     */
    Optional<Conference> findConference(String conferenceId);

    /** Number of legs currently open. */
    int openLegs();

    /**
     * How busy the media clock is: the share of wall time the busiest mixer clock thread spent
     * ticking (mixing, play-out, sending) over the last measured second, 0..1. Near 1 the
     * thread can no longer keep its 20 ms ticks and every call on it degrades, so signalling
     * takes it as "saturated" and refuses new calls. Cheap to call (reads a volatile per
     * thread); never blocks. Bridges that do not measure it return 0.
     */
    default double loadRatio() {
        return 0.0;
    }

    /** Closes every leg and conference and releases sockets and threads. Idempotent. */
    @Override
    void close();
}
