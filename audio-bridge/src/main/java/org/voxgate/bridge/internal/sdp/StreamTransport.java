package org.voxgate.bridge.internal.sdp;

import java.util.List;

import org.voxgate.bridge.api.SdpException;

/**
 * Whether the audio stream of an offer may run over TCP (RFC 4571 framing, RFC 4145 a=setup and
 * a=connection, RFC 7850 TCP/TLS), and the port and attribute lines the answer then carries.
 * {@link SdpNegotiator} asks it about candidate streams whose proto is a TCP one and lets it
 * commit the chosen stream, TCP or not. {@link #UDP_ONLY} refuses every TCP proto.
 */
public interface StreamTransport {

    /**
     * What a committed stream's m= section gets from the transport.
     *
     * @param port     the m= port to answer, or -1 for the leg's own UDP RTP port
     * @param rtcpMux  RTCP shares the RTP flow: answer a=rtcp-mux instead of a=rtcp
     * @param lines    attribute lines without CRLF (a=setup, a=connection, a=fingerprint)
     */
    record Answer(int port, boolean rtcpMux, List<String> lines) {
        /** A UDP stream: the leg's port pair, nothing added. */
        public static final Answer UDP = new Answer(-1, false, List.of());

        public Answer {
            lines = List.copyOf(lines);
        }
    }

    /** Refuses every TCP proto with 302; UDP streams are left alone. */
    StreamTransport UDP_ONLY = new StreamTransport() {
        @Override
        public SdpException refusal(MediaDescription m, SessionDescription sd) {
            return new SdpException(302, false, "media protocol " + m.proto()
                    + " refused: RTP over TCP is not enabled on this bridge");
        }

        @Override
        public Answer answer(MediaDescription m, SessionDescription sd) {
            return Answer.UDP;
        }
    };

    /**
     * Whether the TCP stream {@code m} of offer {@code sd} can be answered; called only for TCP
     * protos ({@link MediaProtocol#tcp()}).
     *
     * @return null when it can, else why not (302 TCP or TLS not available, 306 a=setup or
     *     a=connection not acceptable)
     */
    SdpException refusal(MediaDescription m, SessionDescription sd);

    /**
     * Commits the transport of the chosen stream (TCP or UDP: a UDP stream ends any TCP
     * connection of the leg). Called once per answered offer, after {@link #refusal} said null
     * for a TCP stream; must not fail.
     */
    Answer answer(MediaDescription m, SessionDescription sd);
}
