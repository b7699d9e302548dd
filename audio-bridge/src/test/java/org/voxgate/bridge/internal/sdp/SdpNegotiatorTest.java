package org.voxgate.bridge.internal.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.SdpException;
import org.voxgate.bridge.internal.codec.AudioCodec;

class SdpNegotiatorTest {
    private final SdpNegotiator n = negotiator(List.of(AudioCodec.PCMU, AudioCodec.PCMA));

    private static SdpNegotiator negotiator(List<AudioCodec> codecs) {
        try {
            return new SdpNegotiator(InetAddress.getByName("192.0.2.10"), 40000, codecs, 777);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String offer(String media) {
        return "v=0\r\no=alice 2890844526 2890844526 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\n"
                + media;
    }

    private static long version(String sdp) {
        Matcher m = Pattern.compile("o=voxgate 777 (\\d+) ").matcher(sdp);
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain PCMU           | m=audio 5000 RTP/AVP 0\\r\\n                                                   | PCMU | 0   | -1  | 20 | SENDRECV
            prefers our order    | m=audio 5000 RTP/AVP 8 0\\r\\n                                                 | PCMU | 0   | -1  | 20 | SENDRECV
            PCMA only            | m=audio 5000 RTP/AVP 8 101\\r\\na=rtpmap:101 telephone-event/8000\\r\\n       | PCMA | 8   | 101 | 20 | SENDRECV
            ptime 30 mirrored    | m=audio 5000 RTP/AVP 0\\r\\na=ptime:30\\r\\n                                  | PCMU | 0   | -1  | 30 | SENDRECV
            odd ptime refused    | m=audio 5000 RTP/AVP 0\\r\\na=ptime:25\\r\\n                                  | PCMU | 0   | -1  | 20 | SENDRECV
            sendonly -> recvonly | m=audio 5000 RTP/AVP 0\\r\\na=sendonly\\r\\n                                  | PCMU | 0   | -1  | 20 | RECVONLY
            recvonly -> sendonly | m=audio 5000 RTP/AVP 0\\r\\na=recvonly\\r\\n                                  | PCMU | 0   | -1  | 20 | SENDONLY
            inactive             | m=audio 5000 RTP/AVP 0\\r\\na=inactive\\r\\n                                  | PCMU | 0   | -1  | 20 | INACTIVE
            dynamic PCMU type    | m=audio 5000 RTP/AVP 97\\r\\na=rtpmap:97 pcmu/8000\\r\\n                       | PCMU | 97  | -1  | 20 | SENDRECV
            """)
    void answersOffer(String name, String media, String codec, int pt, int tePt, int ptime, Direction direction)
            throws SdpException {
        String answer = n.answer(offer(media.replace("\\r\\n", "\r\n")));
        MediaSession s = n.current();
        assertThat(s.codec().name()).isEqualTo(codec);
        assertThat(s.payloadType()).isEqualTo(pt);
        assertThat(s.telephoneEventType()).isEqualTo(tePt);
        assertThat(s.ptimeMs()).isEqualTo(ptime);
        assertThat(s.direction()).isEqualTo(direction);
        assertThat(s.remoteRtp()).isEqualTo(new InetSocketAddress("198.51.100.1", 5000));
        assertThat(s.remoteRtcp()).isEqualTo(new InetSocketAddress("198.51.100.1", 5001));
        assertThat(answer).startsWith("v=0\r\no=voxgate 777 ")
                .contains("c=IN IP4 192.0.2.10\r\n")
                .contains("m=audio 40000 RTP/AVP " + pt + (tePt >= 0 ? " " + tePt : "") + "\r\n")
                .contains("a=rtpmap:" + pt + " " + codec + "/8000\r\n")
                .contains("a=ptime:" + ptime + "\r\n")
                .contains("a=rtcp:40001\r\n")
                .contains("a=" + direction.attribute() + "\r\n");
        if (tePt >= 0) {
            assertThat(answer).contains("a=fmtp:" + tePt + " 0-15\r\n");
        }
    }

    @Test
    void mediaLevelConnectionAndRtcpAttributeWin() throws SdpException {
        n.answer(offer("m=audio 6000 RTP/AVP 0\r\nc=IN IP4 203.0.113.5\r\na=rtcp:7001 IN IP4 203.0.113.6\r\n"));
        assertThat(n.current().remoteRtp()).isEqualTo(new InetSocketAddress("203.0.113.5", 6000));
        assertThat(n.current().remoteRtcp()).isEqualTo(new InetSocketAddress("203.0.113.6", 7001));
    }

    @Test
    void sessionLevelDirectionApplies() throws SdpException {
        String o = "v=0\r\no=a 1 1 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\na=sendonly\r\n"
                + "m=audio 5000 RTP/AVP 0\r\n";
        n.answer(o);
        assertThat(n.current().direction()).isEqualTo(Direction.RECVONLY);
    }

    @Test
    void rejectsOtherStreamsWithPortZeroInOrder() throws SdpException {
        String answer = n.answer(offer("m=video 5002 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
                + "m=audio 0 RTP/AVP 0\r\n"
                + "m=audio 5000 RTP/AVP 0\r\n"));
        int video = answer.indexOf("m=video 0 RTP/AVP 96");
        int rejectedAudio = answer.indexOf("m=audio 0 RTP/AVP 0");
        int audio = answer.indexOf("m=audio 40000 RTP/AVP 0");
        assertThat(video).isPositive();
        assertThat(rejectedAudio).isGreaterThan(video);
        assertThat(audio).isGreaterThan(rejectedAudio);
        assertThat(n.current().remoteRtp().getPort()).isEqualTo(5000);
    }

    @Test
    void holdWithZeroAddressStopsSending() throws SdpException {
        String o = "v=0\r\no=a 1 2 IN IP4 0.0.0.0\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n";
        n.answer(o);
        assertThat(n.current().remoteRtp()).isNull();
    }

    @Test
    void versionIncrementsOnlyWhenTheAnswerChanges() throws SdpException {
        String first = n.answer(offer("m=audio 5000 RTP/AVP 0\r\n"));
        String refresh = n.answer(offer("m=audio 5000 RTP/AVP 0\r\n"));
        assertThat(version(refresh)).isEqualTo(version(first));
        String hold = n.answer(offer("m=audio 5000 RTP/AVP 0\r\na=sendonly\r\n"));
        assertThat(version(hold)).isEqualTo(version(first) + 1);
        String resume = n.answer(offer("m=audio 5000 RTP/AVP 0\r\n"));
        assertThat(version(resume)).isEqualTo(version(first) + 2);
        long generation = n.current().generation();
        String codecChange = n.answer(offer("m=audio 5000 RTP/AVP 8\r\n"));
        assertThat(version(codecChange)).isEqualTo(version(first) + 3);
        assertThat(n.current().codec()).isEqualTo(AudioCodec.PCMA);
        assertThat(n.current().generation()).isGreaterThan(generation);
    }

    @Test
    void noCommonCodecIs305WithAClearWarning() {
        assertThatThrownBy(() -> n.answer(offer("m=audio 5000 RTP/AVP 18 96\r\na=rtpmap:96 opus/48000/2\r\n")))
                .isInstanceOfSatisfying(SdpException.class, e -> {
                    assertThat(e.warningCode()).isEqualTo(305);
                    assertThat(e.malformed()).isFalse();
                    assertThat(e.warning()).contains("PCMU").contains("PCMA").contains("G729/8000").contains("OPUS/48000");
                });
    }

    @Test
    void noAudioIs304() {
        assertThatThrownBy(() -> n.answer(offer("m=audio 5000 RTP/SAVP 0\r\n")))
                .isInstanceOfSatisfying(SdpException.class, e -> assertThat(e.warningCode()).isEqualTo(304));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            garbage
            v=1\\r\\no=a 1 1 IN IP4 1.2.3.4\\r\\n
            v=0\\r\\ns=-\\r\\n
            v=0\\r\\no=a 1\\r\\n
            v=0\\r\\no=a 1 1 IN IP4 1.2.3.4\\r\\nm=audio x RTP/AVP 0\\r\\n
            v=0\\r\\no=a 1 1 IN IP4 1.2.3.4\\r\\nm=audio 70000 RTP/AVP 0\\r\\n
            v=0\\r\\no=a 1 1 IN IP4 1.2.3.4\\r\\nc=IN IP4 999.1.1.1\\r\\n
            v=0\\r\\no=a 1 1 IN IP4 1.2.3.4\\r\\nc=IN IP4 example.com\\r\\n
            v=0\\r\\no=a 1 1 IN IP4 1.2.3.4\\r\\nm=audio 5000 RTP/AVP 0\\r\\na=rtpmap:300 PCMU/8000\\r\\n
            v=0\\r\\no=a 1 1 IN IP4 1.2.3.4\\r\\nm=audio 5000 RTP/AVP 0\\r\\n
            """)
    void malformedIsReported(String text) {
        assertThatThrownBy(() -> n.answer(text.replace("\\r\\n", "\r\n")))
                .isInstanceOfSatisfying(SdpException.class, e -> assertThat(e.malformed()).isTrue());
    }

    @Test
    void lateOfferAndAnswer() throws SdpException {
        String ours = n.createOffer();
        assertThat(ours).contains("m=audio 40000 RTP/AVP 0 8 101\r\n").contains("a=fmtp:101 0-15\r\n")
                .contains("a=sendrecv\r\n");
        n.acceptAnswer(offer("m=audio 5000 RTP/AVP 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=recvonly\r\n"));
        MediaSession s = n.current();
        assertThat(s.codec()).isEqualTo(AudioCodec.PCMA);
        assertThat(s.telephoneEventType()).isEqualTo(101);
        assertThat(s.direction()).isEqualTo(Direction.SENDONLY);
        assertThatThrownBy(() -> n.acceptAnswer(offer("m=audio 5000 RTP/AVP 8\r\n")))
                .isInstanceOfSatisfying(SdpException.class, e -> assertThat(e.warningCode()).isEqualTo(399));
    }

    @Test
    void answerWithAForeignCodecIsRefused() {
        n.createOffer();
        assertThatThrownBy(() -> n.acceptAnswer(offer("m=audio 5000 RTP/AVP 18\r\n")))
                .isInstanceOfSatisfying(SdpException.class, e -> assertThat(e.warningCode()).isEqualTo(305));
    }
}
