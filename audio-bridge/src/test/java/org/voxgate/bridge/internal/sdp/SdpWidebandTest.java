package org.voxgate.bridge.internal.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.SdpException;
import org.voxgate.bridge.internal.codec.AudioCodec;
import org.voxgate.bridge.internal.codec.OpusParameters;

/** Offer/answer with G.722, Opus and L16: preference order, clock-rate quirks, fmtp, re-offers. */
class SdpWidebandTest {
    private static final List<AudioCodec> ALL = List.of(AudioCodec.OPUS, AudioCodec.G722, AudioCodec.PCMU,
            AudioCodec.PCMA);

    private static SdpNegotiator negotiator(List<AudioCodec> codecs) throws Exception {
        return new SdpNegotiator(InetAddress.getByName("192.0.2.10"), 40000, codecs, 777);
    }

    private static String offer(String media) {
        return ("v=0\r\no=alice 1 1 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\n" + media)
                .replace("\n", "\r\n").replace("\r\r\n", "\r\n");
    }

    private static final String BROWSER = """
            m=audio 5000 RTP/AVP 111 9 0 8 101
            a=rtpmap:111 opus/48000/2
            a=fmtp:111 minptime=10;useinbandfec=1;usedtx=1;maxaveragebitrate=24000;maxplaybackrate=16000
            a=rtpmap:9 G722/8000
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/48000
            """;

    @Test
    void takesTheBestCodecOfOurPreferenceAndTheOffersOpusParameters() throws Exception {
        SdpNegotiator n = negotiator(ALL);
        String answer = n.answer(offer(BROWSER));
        MediaSession s = n.current();
        assertThat(s.codec()).isEqualTo(AudioCodec.OPUS);
        assertThat(s.payloadType()).isEqualTo(111);
        assertThat(s.peerOpus()).isEqualTo(new OpusParameters(24_000, true, true, 16_000));
        assertThat(s.telephoneEventType()).isEqualTo(101);
        assertThat(answer).contains("m=audio 40000 RTP/AVP 111 101\r\n")
                .contains("a=rtpmap:111 opus/48000/2\r\n")
                .contains("a=fmtp:111 maxplaybackrate=48000;stereo=0;sprop-stereo=0;useinbandfec=1;usedtx=0;"
                        + "maxaveragebitrate=32000\r\n")
                .contains("a=rtpmap:101 telephone-event/48000\r\n");
    }

    @Test
    void trunkPreferenceWinsOverTheOffersOrder() throws Exception {
        SdpNegotiator n = negotiator(List.of(AudioCodec.PCMA, AudioCodec.G722));
        n.answer(offer(BROWSER));
        assertThat(n.current().codec()).isEqualTo(AudioCodec.PCMA);
    }

    @Test
    void g722IsNegotiatedWithItsEightKilohertzClockAndRunsAtSixteen() throws Exception {
        SdpNegotiator n = negotiator(List.of(AudioCodec.G722, AudioCodec.PCMU));
        String answer = n.answer(offer("m=audio 5000 RTP/AVP 0 9\na=ptime:40\n"));
        MediaSession s = n.current();
        assertThat(s.codec()).isEqualTo(AudioCodec.G722);
        assertThat(s.payloadType()).isEqualTo(9);
        assertThat(s.ptimeMs()).isEqualTo(40);
        assertThat(s.samplesPerPacket()).isEqualTo(640); // 40 ms of 16 kHz audio
        assertThat(AudioCodec.G722.rtpUnits(640)).isEqualTo(320); // timestamps still count 8 kHz
        assertThat(answer).contains("a=rtpmap:9 G722/8000\r\n").contains("a=ptime:40\r\n");
    }

    @Test
    void g722AtSixteenThousandInAnRtpmapIsNotG722() throws Exception {
        SdpNegotiator n = negotiator(List.of(AudioCodec.G722));
        assertThatThrownBy(() -> n.answer(offer("m=audio 5000 RTP/AVP 96\na=rtpmap:96 G722/16000\n")))
                .isInstanceOf(SdpException.class).hasMessageContaining("no common codec");
    }

    @Test
    void opusMustBeSignalledAsTwoChannels() throws Exception {
        SdpNegotiator n = negotiator(List.of(AudioCodec.OPUS, AudioCodec.PCMU));
        n.answer(offer("m=audio 5000 RTP/AVP 96 0\na=rtpmap:96 opus/48000\n"));
        assertThat(n.current().codec()).isEqualTo(AudioCodec.PCMU);
    }

    @Test
    void opusWithoutFmtpGetsTheRfcDefaults() throws Exception {
        SdpNegotiator n = negotiator(ALL);
        n.answer(offer("m=audio 5000 RTP/AVP 98\na=rtpmap:98 OPUS/48000/2\n"));
        assertThat(n.current().peerOpus()).isEqualTo(OpusParameters.PEER_DEFAULT);
    }

    @Test
    void l16AtSixteenKilohertz() throws Exception {
        SdpNegotiator n = negotiator(List.of(AudioCodec.L16, AudioCodec.PCMU));
        String answer = n.answer(offer("m=audio 5000 RTP/AVP 0 118\na=rtpmap:118 L16/16000\n"));
        assertThat(n.current().codec()).isEqualTo(AudioCodec.L16);
        assertThat(answer).contains("a=rtpmap:118 L16/16000\r\n");
    }

    @Test
    void ourOfferListsEveryCodecWithItsRtpmapAndOpusFmtp() throws Exception {
        SdpNegotiator n = negotiator(ALL);
        String offer = n.createOffer();
        assertThat(offer).contains("m=audio 40000 RTP/AVP 111 9 0 8 101 100\r\n")
                .contains("a=rtpmap:111 opus/48000/2\r\n").contains("a=fmtp:111 ")
                .contains("a=rtpmap:9 G722/8000\r\n");
        n.acceptAnswer(offer("m=audio 5000 RTP/AVP 9\na=rtpmap:9 G722/8000\n"));
        assertThat(n.current().codec()).isEqualTo(AudioCodec.G722);
    }

    @Test
    void aReOfferChangesTheCodecAndTheGeneration() throws Exception {
        SdpNegotiator n = negotiator(ALL);
        n.answer(offer("m=audio 5000 RTP/AVP 0\n"));
        MediaSession first = n.current();
        n.answer(offer("m=audio 5000 RTP/AVP 9 0\n"));
        MediaSession second = n.current();
        assertThat(first.codec()).isEqualTo(AudioCodec.PCMU);
        assertThat(second.codec()).isEqualTo(AudioCodec.G722);
        assertThat(second.generation()).isGreaterThan(first.generation());
    }

    @Test
    void telephoneEventKeepsTheClockItWasOffered() throws Exception {
        SdpNegotiator n = negotiator(ALL);
        String answer = n.answer(offer("m=audio 5000 RTP/AVP 111 101\na=rtpmap:111 opus/48000/2\n"
                + "a=rtpmap:101 telephone-event/8000\n"));
        assertThat(n.current().telephoneEventType()).isEqualTo(101);
        assertThat(n.current().telephoneEventClockRateHz()).isEqualTo(8000);
        assertThat(answer).contains("a=rtpmap:101 telephone-event/8000\r\n");

        n.answer(offer(BROWSER));
        assertThat(n.current().telephoneEventClockRateHz()).isEqualTo(48000);
    }

    @Test
    void ourOfferHasTelephoneEventAtEveryClockOfItsCodecs() throws Exception {
        String offer = negotiator(ALL).createOffer();
        assertThat(offer).contains("a=rtpmap:101 telephone-event/8000\r\n").contains("a=fmtp:101 0-15\r\n")
                .contains("a=rtpmap:100 telephone-event/48000\r\n").contains("a=fmtp:100 0-15\r\n");
        String narrow = negotiator(List.of(AudioCodec.G722, AudioCodec.PCMU)).createOffer();
        assertThat(narrow).as("G.722's RTP clock is 8000: one telephone-event/8000 serves it")
                .contains("m=audio 40000 RTP/AVP 9 0 101\r\n").doesNotContain("telephone-event/16000")
                .doesNotContain("telephone-event/48000");
        String l16 = negotiator(List.of(AudioCodec.L16, AudioCodec.OPUS)).createOffer();
        assertThat(l16).contains("a=rtpmap:100 telephone-event/16000\r\n")
                .contains("a=rtpmap:102 telephone-event/48000\r\n");
    }

    @Test
    void anOpusAnswerTakesTelephoneEventAtFortyEightKilohertz() throws Exception {
        SdpNegotiator n = negotiator(ALL);
        n.createOffer();
        n.acceptAnswer(offer("m=audio 5000 RTP/AVP 111 100\na=rtpmap:111 opus/48000/2\n"
                + "a=rtpmap:100 telephone-event/48000\n"));
        assertThat(n.current().codec()).isEqualTo(AudioCodec.OPUS);
        assertThat(n.current().telephoneEventType()).isEqualTo(100);
        assertThat(n.current().telephoneEventClockRateHz()).isEqualTo(48000);

        SdpNegotiator g = negotiator(ALL);
        g.createOffer();
        g.acceptAnswer(offer("m=audio 5000 RTP/AVP 9 101\na=rtpmap:9 G722/8000\na=rtpmap:101 telephone-event/8000\n"));
        assertThat(g.current().telephoneEventType()).isEqualTo(101);
        assertThat(g.current().telephoneEventClockRateHz()).isEqualTo(8000);
    }

    @Test
    void anOpusOfferWithBothEventClocksIsAnsweredAtFortyEightKilohertz() throws Exception {
        SdpNegotiator n = negotiator(ALL);
        String answer = n.answer(offer("m=audio 5000 RTP/AVP 111 0 101 96\na=rtpmap:111 opus/48000/2\n"
                + "a=rtpmap:101 telephone-event/8000\na=rtpmap:96 telephone-event/48000\n"));
        assertThat(n.current().telephoneEventType()).isEqualTo(96);
        assertThat(answer).contains("m=audio 40000 RTP/AVP 111 96\r\n").contains("a=rtpmap:96 telephone-event/48000\r\n")
                .doesNotContain("telephone-event/8000");
        // the same offer answered with PCMU (Opus not in our list) takes the 8000 one
        SdpNegotiator narrow = negotiator(List.of(AudioCodec.PCMU));
        assertThat(narrow.answer(offer("m=audio 5000 RTP/AVP 111 0 101 96\na=rtpmap:111 opus/48000/2\n"
                + "a=rtpmap:101 telephone-event/8000\na=rtpmap:96 telephone-event/48000\n")))
                .contains("m=audio 40000 RTP/AVP 0 101\r\n");
    }

    @Test
    void theBestCommonCodecOfThePreferenceWinsWhateverTheOfferOrder() throws Exception {
        String offer = offer("m=audio 5000 RTP/AVP 0 8 9 111\na=rtpmap:111 opus/48000/2\n");
        assertThat(pick(List.of(AudioCodec.OPUS, AudioCodec.G722, AudioCodec.PCMU, AudioCodec.PCMA), offer))
                .isEqualTo(AudioCodec.OPUS);
        assertThat(pick(List.of(AudioCodec.G722, AudioCodec.OPUS, AudioCodec.PCMU), offer)).isEqualTo(AudioCodec.G722);
        assertThat(pick(List.of(AudioCodec.PCMA, AudioCodec.PCMU), offer)).isEqualTo(AudioCodec.PCMA);
        assertThat(pick(List.of(AudioCodec.L16, AudioCodec.PCMU), offer)).isEqualTo(AudioCodec.PCMU);
    }

    private static AudioCodec pick(List<AudioCodec> preference, String offer) throws Exception {
        SdpNegotiator n = negotiator(preference);
        n.answer(offer);
        return n.current().codec();
    }
}
