package org.voxgate.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The SDP offer per codec and what the generator takes from an answer (RFC 3264, 4733, 7587). */
class SipRequestsTest {

    @Test
    void g711OffersCarryTheStaticTypeAndEventsAt8000() {
        String pcmu = SipRequests.offer("127.0.0.1", 40000, 1, null, LoadCodec.PCMU);
        assertThat(pcmu).contains("m=audio 40000 RTP/AVP 0 101\r\n", "a=rtpmap:0 PCMU/8000\r\n",
                "a=rtpmap:101 telephone-event/8000\r\n", "a=fmtp:101 0-15\r\n", "a=ptime:20\r\n")
                .doesNotContain("opus", "PCMA");
        String pcma = SipRequests.offer("127.0.0.1", 40000, 1, null, LoadCodec.PCMA);
        assertThat(pcma).contains("m=audio 40000 RTP/AVP 8 101\r\n", "a=rtpmap:8 PCMA/8000\r\n",
                "a=rtpmap:101 telephone-event/8000\r\n").doesNotContain("PCMU");
        assertThat(SipRequests.offer("127.0.0.1", 40000, 1)).isEqualTo(pcmu); // the old default
    }

    @Test
    void opusOfferIsDynamicMonoWithEventsAt48000() {
        String sdp = SipRequests.offer("127.0.0.1", 40000, 1, null, LoadCodec.OPUS);
        assertThat(sdp).contains("m=audio 40000 RTP/AVP 111 101\r\n", "a=rtpmap:111 opus/48000/2\r\n",
                "a=fmtp:111 useinbandfec=1; stereo=0; sprop-stereo=0\r\n", "a=rtpmap:101 telephone-event/48000\r\n",
                "a=fmtp:101 0-15\r\n").doesNotContain("PCMU", "/8000");
    }

    @Test
    void srtpWorksWithEveryCodec() {
        String line = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
        for (LoadCodec c : LoadCodec.values()) {
            String sdp = SipRequests.offer("127.0.0.1", 40000, 1, line, c);
            assertThat(sdp).contains("RTP/SAVP " + c.offerPayloadType() + " 101\r\n", line + "\r\n");
        }
    }

    @Test
    void answerTypesAreTheAnswersEvenWhenRenumbered() {
        String answer = "v=0\r\no=voxgate 1 1 IN IP4 127.0.0.1\r\ns=voxgate\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 30000 RTP/AVP 96 97\r\n"
                + "a=rtpmap:96 OPUS/48000/2\r\n" // encoding names are case-insensitive
                + "a=fmtp:96 useinbandfec=1\r\n"
                + "a=rtpmap:97 telephone-event/48000\r\n"
                + "a=fmtp:97 0-15\r\n";
        SipRequests.AnswerFormats f = SipRequests.answerFormats(answer, LoadCodec.OPUS);
        assertThat(f).isEqualTo(new SipRequests.AnswerFormats(96, "OPUS/48000/2", 97, 48000));
        assertThat(SipRequests.answerFormats(answer, LoadCodec.PCMU)).isNull();
    }

    @Test
    void g711AnswersWithoutRtpmapUseTheStaticTypeAndEventsFallBackTo8000() {
        String answer = "v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 30000 RTP/AVP 8 100\r\n"
                + "a=rtpmap:100 telephone-event/8000\r\n";
        assertThat(SipRequests.answerFormats(answer, LoadCodec.PCMA))
                .isEqualTo(new SipRequests.AnswerFormats(8, "PCMA/8000", 100, 8000));
        assertThat(SipRequests.answerFormats(answer, LoadCodec.PCMU)).isNull();
        // Opus with events only at 8000: the fallback
        String opus = "v=0\r\nm=audio 30000 RTP/AVP 111 101 102\r\na=rtpmap:111 opus/48000/2\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=rtpmap:102 telephone-event/48000\r\n";
        assertThat(SipRequests.answerFormats(opus, LoadCodec.OPUS).telephoneEventType()).isEqualTo(102);
        String opus8k = "v=0\r\nm=audio 30000 RTP/AVP 111 101\r\na=rtpmap:111 opus/48000/2\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n";
        assertThat(SipRequests.answerFormats(opus8k, LoadCodec.OPUS))
                .isEqualTo(new SipRequests.AnswerFormats(111, "opus/48000/2", 101, 8000));
    }

    @Test
    void answersWithoutEventsOrAudioAreRecognised() {
        assertThat(SipRequests.answerFormats("v=0\r\nm=audio 30000 RTP/AVP 0\r\n", LoadCodec.PCMU))
                .isEqualTo(new SipRequests.AnswerFormats(0, "PCMU/8000", -1, 0));
        assertThat(SipRequests.answerFormats("v=0\r\nm=video 30000 RTP/AVP 0\r\n", LoadCodec.PCMU)).isNull();
        // opus at a wrong clock is not opus; a dynamic type without rtpmap is nothing
        assertThat(SipRequests.answerFormats("v=0\r\nm=audio 1 RTP/AVP 111\r\na=rtpmap:111 opus/16000\r\n",
                LoadCodec.OPUS)).isNull();
        assertThat(SipRequests.answerFormats("v=0\r\nm=audio 1 RTP/AVP 111\r\n", LoadCodec.OPUS)).isNull();
    }
}
