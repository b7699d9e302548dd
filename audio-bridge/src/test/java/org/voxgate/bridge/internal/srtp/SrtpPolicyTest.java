package org.voxgate.bridge.internal.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.LegOptions.SrtpPolicy;
import org.voxgate.bridge.api.SdpException;
import org.voxgate.bridge.internal.codec.AudioCodec;
import org.voxgate.bridge.internal.sdp.SdpNegotiator;
import org.voxgate.srtp.SdesCrypto;
import org.voxgate.srtp.SrtpProfile;

/** A trunk's SRTP policy (LegOptions.srtpPolicy) in offer/answer, no sockets. */
class SrtpPolicyTest {
    private final SecureRandom random = new SecureRandom();
    private final LegSrtp srtp = new LegSrtp(new LegSrtp.Threads() {
        @Override
        public Executor eventLoop() {
            return Runnable::run;
        }

        @Override
        public void underPlayoutLock(Runnable r) {
            r.run();
        }
    });

    private SdpNegotiator negotiator(SrtpPolicy policy) throws Exception {
        SdpNegotiator n = new SdpNegotiator(InetAddress.getByName("192.0.2.1"), 20000,
                List.of(AudioCodec.PCMU, AudioCodec.PCMA), 7);
        n.setSecurity(new LegSecurity(true, policy, srtp, random, null));
        return n;
    }

    private static String offer(String proto, String extra) {
        return "v=0\r\no=peer 1 1 IN IP4 192.0.2.9\r\ns=-\r\nc=IN IP4 192.0.2.9\r\nt=0 0\r\n"
                + "m=audio 4000 " + proto + " 0\r\na=rtpmap:0 PCMU/8000\r\n" + extra + "a=sendrecv\r\n";
    }

    private String sdes() {
        return offer("RTP/SAVP", SdesCrypto.generate(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80, random).toAttributeLine()
                + "\r\n");
    }

    @Test
    void requiredRefusesAPlainOfferWith302() throws Exception {
        assertThatThrownBy(() -> negotiator(SrtpPolicy.REQUIRED).answer(offer("RTP/AVP", "")))
                .isInstanceOfSatisfying(SdpException.class, e -> {
                    assertThat(e.warningCode()).isEqualTo(302);
                    assertThat(e.warning()).contains("SRTP is required");
                    assertThat(e.malformed()).isFalse();
                });
    }

    @Test
    void requiredAnswersSdesAndPicksItOverAPlainAlternative() throws Exception {
        String both = sdes() + "m=audio 4002 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        String answer = negotiator(SrtpPolicy.REQUIRED).answer(both);
        assertThat(answer).contains("m=audio 20000 RTP/SAVP 0").contains("a=crypto:1 ")
                .contains("m=audio 0 RTP/AVP 0");
    }

    @Test
    void offRefusesSdesEvenOverTlsAndAnswersOnlyThePlainStream() throws Exception {
        assertThatThrownBy(() -> negotiator(SrtpPolicy.OFF).answer(sdes()))
                .isInstanceOfSatisfying(SdpException.class, e -> assertThat(e.warning()).contains("SRTP is off"));
        String both = sdes() + "m=audio 4002 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        String answer = negotiator(SrtpPolicy.OFF).answer(both);
        assertThat(answer).contains("m=audio 0 RTP/SAVP 0").contains("m=audio 20000 RTP/AVP 0")
                .doesNotContain("a=crypto");
    }

    @Test
    void offRefusesDtls() throws Exception {
        String dtls = offer("UDP/TLS/RTP/SAVP", "a=setup:actpass\r\na=fingerprint:sha-256 "
                + "AB:".repeat(31) + "AB\r\n");
        assertThatThrownBy(() -> negotiator(SrtpPolicy.OFF).answer(dtls)).isInstanceOf(SdpException.class)
                .hasMessageContaining("SRTP is off");
    }

    @Test
    void optionalKeepsTodaysBehaviour() throws Exception {
        assertThat(negotiator(SrtpPolicy.OPTIONAL).answer(offer("RTP/AVP", ""))).contains("m=audio 20000 RTP/AVP 0");
        assertThat(negotiator(SrtpPolicy.OPTIONAL).answer(sdes())).contains("a=crypto:1 ");
    }
}
