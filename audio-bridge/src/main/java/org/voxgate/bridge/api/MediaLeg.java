package org.voxgate.bridge.api;

import java.util.List;

/**
 * One participant's media: an RTP/RTCP port pair, a negotiated codec, a jitter buffer, a
 * prompt player and a DTMF event stream. A leg is either in no conference (it hears prompts
 * only) or in exactly one.
 *
 * <p>All methods are thread-safe. After {@link #close()} every method but {@link #id()},
 * {@link #stats()} and {@link #close()} throws {@link IllegalStateException}.
 */
public interface MediaLeg extends AutoCloseable {

    /** Bridge-unique id, used in logs next to the call id. */
    String id();

    /** The call id given in {@link LegOptions}, for logs. */
    String callId();

    /**
     * Answers an SDP offer (RFC 3264 section 6): picks the first codec of our preference the
     * offer also lists, keeps telephone-event when offered, mirrors the direction
     * (sendonly becomes recvonly, and so on), takes the offered ptime when we support it, and
     * points media at the offer's connection address and port. Also used for re-offers
     * (hold, resume, codec change) in the same session; the version in o= increments.
     *
     * <p>Security: an RTP/SAVP stream with SDES a=crypto lines (RFC 4568) is answered only when
     * {@link LegOptions#secureSignalling()} is true: with the best suite we support
     * (AES_CM_128_HMAC_SHA1_80, AEAD_AES_128_GCM, AES_256_CM_HMAC_SHA1_80, AEAD_AES_256_GCM,
     * then the _32 variants), one a=crypto line with the offer's tag and a fresh key of ours.
     * Over plain signalling such a stream is refused (warn-code 302), and an RTP/AVP
     * alternative in the same offer is answered instead. UDP/TLS/RTP/SAVP (DTLS-SRTP, RFC 5763)
     * is answered with our a=fingerprint and a=setup; keys follow from the handshake.
     *
     * <p>RTP over TCP (RFC 4571), when the bridge has TCP media enabled: TCP/RTP/AVP,
     * TCP/RTP/SAVP(F) (SDES rules as above) and, with a TLS certificate, TCP/TLS/RTP/AVP(F)
     * (RFC 7850). An offer with a=setup active or actpass (or none) is answered passive with
     * the bridge's shared TCP port; a=setup:passive is answered active with port 9 and the
     * bridge connects (plain TCP only). RTP and RTCP share the connection (a=rtcp-mux).
     *
     * @param offerSdp the offer as received (RFC 4566 text)
     * @return the answer to send back
     * @throws SdpException when the offer is malformed ({@link SdpException#malformed()}) or
     *     cannot be met, with the text for a SIP Warning header (RFC 3261 section 20.43):
     *     302 secure profile refused (SDES over plain signalling) or TCP/TLS media not
     *     enabled, 304 no audio stream,
     *     305 no common codec, 306 no acceptable a=crypto line or DTLS attributes, or an
     *     a=setup we cannot take (holdconn; passive without an address to connect to)
     */
    String answer(String offerSdp) throws SdpException;

    /**
     * Builds our own offer, for a request that arrived without one (late offer, RFC 3261
     * section 13.2.1); the peer's answer comes back through {@link #acceptAnswer(String)}.
     */
    String createOffer();

    /**
     * Takes the peer's answer to {@link #createOffer()}.
     *
     * @throws SdpException when the answer is malformed or picks nothing we offered
     */
    void acceptAnswer(String answerSdp) throws SdpException;

    /**
     * Plays prompts one after the other, replacing whatever was playing.
     * {@link LegListener#onPlaybackFinished(MediaLeg, boolean)} follows when the last one ends
     * or playback is stopped. While a leg is in a conference, its prompts (and tones) are heard
     * by it alone and replace the conference audio until they end: the mix is not played under
     * them.
     */
    void play(List<Prompt> prompts);

    /**
     * Like {@link #play}, for announcements that are only true while the leg is the only
     * participant of its conference ("you are the only participant"): the list stops as soon as
     * another leg joins that conference, or at once when one is already there, so the leg hears
     * the meeting (and the newcomer's entry tone) instead. A leg in no conference plays the list
     * to its end. {@link LegListener#onPlaybackFinished(MediaLeg, boolean)} follows as for
     * {@link #play}, with {@code completed} false when the list was cut.
     */
    void playWhileAlone(List<Prompt> prompts);

    /** Stops playback; no-op when nothing plays. */
    void stopPlayback();

    /** Plays a tone to this leg only. */
    void playTone(Tone tone);

    /**
     * Joins a conference (leaving any other). From the next mixer tick the leg's audio is
     * mixed and it hears the mix minus its own voice.
     */
    void join(Conference conference, ParticipantRole role);

    /** Leaves the current conference; no-op when in none. */
    void leave();

    /** The conference this leg is in, or null. */
    Conference conference();

    /** Mutes or unmutes this leg's voice in the mix. */
    void setMuted(boolean muted);

    boolean muted();

    /**
     * Feeds a digit that signalling received (SIP INFO, H.245 user input) into this leg's one
     * DTMF event stream, so it reaches the listener exactly like an RFC 4733 or in-band digit.
     */
    void injectDtmf(char digit, int durationMs, DtmfSource source);

    /** Counters for CDRs and metrics; a snapshot, safe from any thread. */
    LegStats stats();

    /** Releases the ports, leaves the conference, zeroizes keys. Idempotent. */
    @Override
    void close();
}
