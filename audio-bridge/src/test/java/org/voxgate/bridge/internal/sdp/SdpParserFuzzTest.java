package org.voxgate.bridge.internal.sdp;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import org.voxgate.bridge.api.SdpException;
import org.voxgate.bridge.internal.codec.AudioCodec;

/** The SDP parser and the answerer throw nothing but SdpException, whatever the text. */
class SdpParserFuzzTest {
    private static final String VALID = "v=0\r\no=a 1 1 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\n"
            + "t=0 0\r\nm=audio 5000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n"
            + "a=ptime:20\r\na=rtcp:5001 IN IP4 198.51.100.1\r\na=sendrecv\r\n";

    @Property(tries = 2000)
    void randomText(@ForAll @StringLength(max = 300) String text) {
        answer(text);
    }

    @Property(tries = 3000)
    void mutatedValidOffers(@ForAll("mutations") String text) {
        answer(text);
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, VALID.length() - 1);
        Arbitrary<String> insert = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.of("\r\n", " ", "/", ":", "=", "99999999999999999999", "-1", "IP6", "m=audio ",
                        "a=rtpmap:", "c=IN IP4 ", "::", "0.0.0.0", "\u0000", "a=rtcp:"));
        Arbitrary<Integer> cut = Arbitraries.integers().between(0, 8);
        return net.jqwik.api.Combinators.combine(position, insert, cut)
                .as((p, s, c) -> VALID.substring(0, p) + s + VALID.substring(Math.min(VALID.length(), p + c)));
    }

    private static void answer(String text) {
        try {
            SdpNegotiator n = new SdpNegotiator(java.net.InetAddress.getLoopbackAddress(), 40000,
                    List.of(AudioCodec.PCMU, AudioCodec.PCMA), 1);
            n.answer(text);
        } catch (SdpException expected) {
            // the only allowed outcome besides an answer
        }
    }
}
