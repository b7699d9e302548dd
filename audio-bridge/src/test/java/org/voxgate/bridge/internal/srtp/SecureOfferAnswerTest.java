package org.voxgate.bridge.internal.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.SdpException;
import org.voxgate.bridge.internal.codec.AudioCodec;
import org.voxgate.bridge.internal.codec.G711;
import org.voxgate.bridge.internal.sdp.SdpNegotiator;
import org.voxgate.srtp.SdesCrypto;
import org.voxgate.srtp.SrtpProfile;

/** Offer/answer with the leg's security policy, no sockets. */
class SecureOfferAnswerTest {
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

    private SdpNegotiator negotiator(boolean secureSignalling) throws Exception {
        SdpNegotiator n = new SdpNegotiator(InetAddress.getByName("192.0.2.1"), 20000, List.of(AudioCodec.PCMU, AudioCodec.PCMA), 7);
        n.setSecurity(new LegSecurity(secureSignalling, srtp, random, null));
        return n;
    }

    private String savp(String cryptoLines) {
        return "v=0\r\no=peer 1 1 IN IP4 192.0.2.9\r\ns=-\r\nc=IN IP4 192.0.2.9\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/SAVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                + cryptoLines + "a=sendrecv\r\n";
    }

    private String crypto(int tag, SrtpProfile p) {
        return SdesCrypto.generate(tag, p, random).toAttributeLine() + "\r\n";
    }

    @Test
    void sdesOverSecureSignallingIsAnsweredWithOneCryptoLineOfTheChosenTag() throws Exception {
        String answer = negotiator(true).answer(savp(crypto(1, SrtpProfile.AES_CM_128_HMAC_SHA1_32)
                + crypto(2, SrtpProfile.AES_CM_128_HMAC_SHA1_80)));
        assertThat(answer).contains("m=audio 20000 RTP/SAVP 0 101\r\n");
        Matcher m = Pattern.compile("a=crypto:.*").matcher(answer);
        assertThat(m.find()).isTrue();
        assertThat(m.group()).startsWith("a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:");
        assertThat(m.find()).as("exactly one a=crypto line").isFalse();
        assertThat(srtp.mode()).isEqualTo(LegSrtp.Mode.ACTIVE);
    }

    @Test
    void sdesOverPlainSignallingIsRefusedWith302() throws Exception {
        SdpNegotiator n = negotiator(false);
        assertThatThrownBy(() -> n.answer(savp(crypto(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80))))
                .isInstanceOf(SdpException.class)
                .satisfies(e -> {
                    SdpException s = (SdpException) e;
                    assertThat(s.warningCode()).isEqualTo(302);
                    assertThat(s.malformed()).isFalse();
                    assertThat(s.warning()).contains("unencrypted signalling");
                });
        assertThat(srtp.mode()).isEqualTo(LegSrtp.Mode.PLAIN);
    }

    @Test
    void overPlainSignallingAnRtpAvpAlternativeIsAnsweredWithoutKeys() throws Exception {
        String offer = savp(crypto(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80))
                + "m=audio 4002 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        String answer = negotiator(false).answer(offer);
        assertThat(answer).contains("m=audio 0 RTP/SAVP 0 101\r\n").contains("m=audio 20000 RTP/AVP 0\r\n")
                .doesNotContain("a=crypto");
        assertThat(srtp.mode()).isEqualTo(LegSrtp.Mode.PLAIN);
        // over TLS the secure stream is taken
        String secure = negotiator(true).answer(offer);
        assertThat(secure).contains("m=audio 20000 RTP/SAVP 0 101\r\n").contains("m=audio 0 RTP/AVP 0\r\n")
                .contains("a=crypto:1 ");
    }

    @Test
    void savpWithoutAnUsableCryptoLineIsRefusedWith306() throws Exception {
        SdpNegotiator n = negotiator(true);
        assertThatThrownBy(() -> n.answer(savp("a=crypto:1 F8_128_HMAC_SHA1_80 inline:AAAA\r\n")))
                .isInstanceOf(SdpException.class)
                .satisfies(e -> assertThat(((SdpException) e).warningCode()).isEqualTo(306));
        assertThatThrownBy(() -> n.answer(savp("")))
                .satisfies(e -> assertThat(((SdpException) e).warningCode()).isEqualTo(306));
    }

    @Test
    void aPlainReofferTurnsSrtpOff() throws Exception {
        SdpNegotiator n = negotiator(true);
        n.answer(savp(crypto(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80)));
        assertThat(srtp.mode()).isEqualTo(LegSrtp.Mode.ACTIVE);
        String plain = savp("").replace("RTP/SAVP", "RTP/AVP");
        assertThat(n.answer(plain)).contains(" RTP/AVP ").doesNotContain("a=crypto");
        assertThat(srtp.mode()).isEqualTo(LegSrtp.Mode.PLAIN);
    }

    @Test
    void dtlsWithoutSupportOrFingerprintIsRefused() throws Exception {
        String offer = savp("a=setup:actpass\r\n").replace("RTP/SAVP", "UDP/TLS/RTP/SAVP");
        assertThatThrownBy(() -> negotiator(true).answer(offer))
                .satisfies(e -> assertThat(((SdpException) e).warningCode()).isEqualTo(302));
    }

    private SdpNegotiator dtlsNegotiator() throws Exception {
        SdpNegotiator n = new SdpNegotiator(InetAddress.getByName("192.0.2.1"), 20000, List.of(AudioCodec.PCMU), 7);
        DtlsLink link = new DtlsLink() {
            @Override
            public String legId() {
                return "t";
            }

            @Override
            public void send(boolean rtcp, byte[] data, int offset, int length, java.net.InetSocketAddress to) {
            }

            @Override
            public java.net.InetSocketAddress currentTarget(boolean rtcp) {
                return null;
            }

            @Override
            public void failed(String reason) {
            }
        };
        dtls = new DtlsNegotiation(new DtlsIdentity(), link, srtp, 1000);
        n.setSecurity(new LegSecurity(false, srtp, random, dtls));
        return n;
    }

    private DtlsNegotiation dtls;

    private String dtlsOffer(String attributes) {
        return savp(attributes).replace("RTP/SAVP", "UDP/TLS/RTP/SAVP");
    }

    @Test
    void dtlsOffersNeedASha256FingerprintAndAnAnswerableSetup() throws Exception {
        String fp = "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB\r\n";
        for (String bad : List.of("a=setup:actpass\r\n", "a=fingerprint:sha-1 AB:CD\r\na=setup:actpass\r\n",
                fp + "a=setup:holdconn\r\n")) {
            SdpNegotiator n = dtlsNegotiator();
            assertThatThrownBy(() -> n.answer(dtlsOffer(bad))).as(bad)
                    .satisfies(e -> assertThat(((SdpException) e).warningCode()).isEqualTo(306));
        }
        SdpNegotiator n = dtlsNegotiator();
        try {
            String answer = n.answer(dtlsOffer(fp + "a=setup:passive\r\n"));
            assertThat(answer).contains("m=audio 20000 UDP/TLS/RTP/SAVP 0").contains("a=setup:active\r\n")
                    .containsPattern("a=fingerprint:sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}\r\n");
            assertThat(srtp.mode()).isEqualTo(LegSrtp.Mode.PENDING);
            // a session-level fingerprint; actpass and active make us passive
            for (String setup : List.of("actpass", "active")) {
                String sessionLevel = dtlsOffer("a=setup:" + setup + "\r\n").replace("t=0 0\r\n", "t=0 0\r\n" + fp);
                assertThat(dtlsNegotiator().answer(sessionLevel)).contains("a=setup:passive\r\n");
                dtls.stop();
            }
            // the feedback profile is answered as offered
            assertThat(dtlsNegotiator().answer(dtlsOffer(fp + "a=setup:actpass\r\n").replace("SAVP", "SAVPF")))
                    .contains("m=audio 20000 UDP/TLS/RTP/SAVPF 0");
        } finally {
            dtls.stop();
        }
    }
}
