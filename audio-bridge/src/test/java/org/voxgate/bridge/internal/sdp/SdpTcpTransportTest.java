package org.voxgate.bridge.internal.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.SdpException;
import org.voxgate.bridge.internal.codec.AudioCodec;

/**
 * The negotiator's transport hook for RTP over TCP, with a recording {@link StreamTransport}:
 * TCP protos parse, reach the hook, and the answer carries its port, a=rtcp-mux and lines;
 * a refused TCP stream leaves a UDP alternative to be answered; a=ssrc and a=connection parse.
 */
class SdpTcpTransportTest {
    private final List<String> committed = new ArrayList<>();
    private SdpException refuse;

    private final StreamTransport recording = new StreamTransport() {
        @Override
        public SdpException refusal(MediaDescription m, SessionDescription sd) {
            return refuse;
        }

        @Override
        public Answer answer(MediaDescription m, SessionDescription sd) {
            committed.add(m.proto() + " ssrcs=" + m.ssrcs() + " connection=" + m.connectionAttribute()
                    + " setup=" + sd.setupFor(m));
            return MediaProtocol.of(m.proto()).tcp() ? new Answer(4443, true, List.of("a=setup:passive",
                    "a=connection:new")) : Answer.UDP;
        }
    };

    private SdpNegotiator negotiator() throws Exception {
        SdpNegotiator n = new SdpNegotiator(InetAddress.getByName("192.0.2.10"), 40000, List.of(AudioCodec.PCMU), 5);
        n.setTransport(recording);
        return n;
    }

    private static String offer(String media) {
        return "v=0\r\no=alice 1 1 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\n" + media;
    }

    @Test
    void tcpOfferIsAnsweredWithTheTransportsPortMuxAndLines() throws Exception {
        String answer = negotiator().answer(offer("m=audio 9 TCP/RTP/AVP 0\r\na=setup:actpass\r\na=connection:new\r\n"
                + "a=ssrc:3735928559 cname:x\r\na=ssrc:notanumber cname:y\r\n"));
        assertThat(answer).contains("m=audio 4443 TCP/RTP/AVP 0\r\n").contains("a=rtcp-mux\r\n")
                .contains("a=setup:passive\r\n").contains("a=connection:new\r\n").doesNotContain("a=rtcp:");
        assertThat(committed).containsExactly("TCP/RTP/AVP ssrcs=[3735928559] connection=new setup=actpass");
    }

    @Test
    void udpAnswersKeepThePortPairAndTellTheTransport() throws Exception {
        String answer = negotiator().answer(offer("m=audio 5004 RTP/AVP 0\r\n"));
        assertThat(answer).contains("m=audio 40000 RTP/AVP 0\r\n").contains("a=rtcp:40001\r\n")
                .doesNotContain("a=rtcp-mux").doesNotContain("a=setup");
        assertThat(committed).hasSize(1).allSatisfy(c -> assertThat(c).startsWith("RTP/AVP"));
    }

    @Test
    void aRefusedTcpStreamLeavesTheUdpAlternative() throws Exception {
        refuse = new SdpException(302, false, "TCP off");
        SdpNegotiator n = negotiator();
        String answer = n.answer(offer("m=audio 9 TCP/RTP/AVP 0\r\na=setup:active\r\nm=audio 5004 RTP/AVP 0\r\n"));
        assertThat(answer).contains("m=audio 0 TCP/RTP/AVP 0\r\n").contains("m=audio 40000 RTP/AVP 0\r\n");
        assertThatThrownBy(() -> negotiator().answer(offer("m=audio 9 TCP/TLS/RTP/AVP 0\r\n")))
                .isInstanceOfSatisfying(SdpException.class, e -> assertThat(e.warningCode()).isEqualTo(302));
    }

    @Test
    void tcpProtosAreKnown() {
        assertThat(MediaProtocol.of("tcp/rtp/avp")).isEqualTo(MediaProtocol.TCP_RTP_AVP);
        assertThat(MediaProtocol.TCP_RTP_SAVP.sdes()).isTrue();
        assertThat(MediaProtocol.TCP_RTP_SAVPF.tcp()).isTrue();
        assertThat(MediaProtocol.TCP_TLS_RTP_AVP.tls()).isTrue();
        assertThat(MediaProtocol.TCP_TLS_RTP_AVP.plain()).isTrue();
        assertThat(MediaProtocol.TCP_RTP_AVP.tls()).isFalse();
        assertThat(MediaProtocol.of("TCP/DTLS/RTP/SAVP")).isEqualTo(MediaProtocol.OTHER);
        assertThat(MediaProtocol.RTP_AVP.tcp()).isFalse();
    }
}
