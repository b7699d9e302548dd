package org.voxgate.bridge.internal.sdp;

import java.util.List;

import org.voxgate.bridge.api.SdpException;

/**
 * How the audio stream of an offer is protected: which transport protocols of an m= line may be
 * answered, and the attribute lines (a=crypto, a=fingerprint, a=setup) the answer carries.
 * {@link SdpNegotiator} asks it about every candidate stream and lets it commit the chosen one.
 * The plain implementation, {@link #PLAIN}, takes unprotected RTP only (RTP/AVP, and over TCP
 * TCP/RTP/AVP and TCP/TLS/RTP/AVP; whether TCP may be answered is {@link StreamTransport}'s call).
 */
public interface StreamSecurity {

    /** Plain RTP, nothing to protect; refuses every secure profile with 304. */
    StreamSecurity PLAIN = new StreamSecurity() {
        @Override
        public SdpException refusal(MediaDescription m, SessionDescription sd) {
            return MediaProtocol.of(m.proto()).plain() ? null
                    : new SdpException(304, false, "media protocol " + m.proto() + " not offered by this leg");
        }

        @Override
        public List<String> answer(MediaDescription m, SessionDescription sd) {
            return List.of();
        }
    };

    /**
     * Whether the stream {@code m} of offer {@code sd} can be answered as it is.
     *
     * @return null when it can, else why not (the negotiator throws the first refusal when no
     *     stream at all can be answered)
     */
    SdpException refusal(MediaDescription m, SessionDescription sd);

    /**
     * Commits the security of the chosen stream (called once per answered offer, after
     * {@link #refusal} said null and nothing else can fail) and returns the attribute lines,
     * without CRLF, that go into the answer's m= section.
     */
    List<String> answer(MediaDescription m, SessionDescription sd) throws SdpException;
}
