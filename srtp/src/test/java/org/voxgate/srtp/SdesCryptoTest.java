package org.voxgate.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SdesCryptoTest {

    @Test
    void parsesTheRfc4568Example() throws Exception {
        // RFC 4568 section 4
        SdesCrypto c = SdesCrypto.parse(
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4\r\n");
        assertThat(c.tag()).isEqualTo(1);
        assertThat(c.profile()).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(c.keys()).hasSize(1);
        SdesCrypto.Key k = c.keys().get(0);
        assertThat(k.keyAndSalt()).hasSize(30);
        assertThat(k.lifetimePackets()).isEqualTo(1 << 20);
        assertThat(k.mkiValue()).isEqualTo(BigInteger.ONE);
        assertThat(k.mkiBytes()).containsExactly(0, 0, 0, 1);
        assertThat(c.format()).isEqualTo("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4");
        try (SrtpKeys keys = c.srtpKeys()) {
            assertThat(keys.mki()).containsExactly(0, 0, 0, 1);
        }
    }

    @Test
    void sessionParamsAndSeveralKeys() throws Exception {
        String line = "2 AES_256_CM_HMAC_SHA1_32 "
                + "inline:" + b64(46, 1) + "|2^31|1:2;inline:" + b64(46, 2) + "|7:2 "
                + "UNENCRYPTED_SRTCP UNAUTHENTICATED_SRTP KDR=0 WSH=256";
        SdesCrypto c = SdesCrypto.parse(line);
        assertThat(c.keys()).hasSize(2);
        assertThat(c.keys().get(1).mkiBytes()).containsExactly(0, 7);
        assertThat(c.keys().get(1).lifetime()).isNull();
        assertThat(c.unencryptedSrtcp()).isTrue();
        assertThat(c.unauthenticatedSrtp()).isTrue();
        assertThat(c.unencryptedSrtp()).isFalse();
        SrtpPolicy p = c.policy();
        assertThat(p.encryptRtcp()).isFalse();
        assertThat(p.authenticateRtp()).isFalse();
        assertThat(p.replayWindow()).isEqualTo(256);
        assertThat(SdesCrypto.parse(c.format()).format()).isEqualTo(c.format());
    }

    private static String b64(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return java.util.Base64.getEncoder().encodeToString(b);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '!', value = {
            "x AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR!BAD_TAG!0",
            "1234567890 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR!BAD_TAG!0",
            "1 AES_CM_128_HMAC_SHA1_81 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR!UNKNOWN_SUITE!2",
            "1 NULL_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR!UNKNOWN_SUITE!2",
            "1 AES_CM_128_HMAC_SHA1_80 uri:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR!BAD_KEY_METHOD!26",
            "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaV*R!BAD_BASE64!33",
            "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtx!BAD_KEY_LENGTH!33",
            "1 AES_256_CM_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR!BAD_KEY_LENGTH!33",
            "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^49!BAD_LIFETIME!74",
            "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|abc!BAD_LIFETIME!74",
            "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:0!BAD_MKI!81",
            "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|256:1!BAD_MKI!79",
            "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1:4|2^20!BAD_LIFETIME!78",
            "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR FEC_ORDER=FEC_SRTP!UNSUPPORTED_SESSION_PARAM!74",
            "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR KDR=3!UNSUPPORTED_SESSION_PARAM!74",
            "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR WSH=12!BAD_SESSION_PARAM!78",
            "1 AES_CM_128_HMAC_SHA1_80!SYNTAX!25",
            "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1:4;inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR!INCONSISTENT_KEYS!78",
    })
    void badLinesGetAPreciseReasonAndOffset(String line, SdesException.Reason reason, int offset) {
        assertThatThrownBy(() -> SdesCrypto.parse(line))
                .isInstanceOfSatisfying(SdesException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.offset()).isEqualTo(offset);
                });
    }

    @Test
    void generatedAttributeDrivesAContextPair() throws Exception {
        SecureRandom random = new SecureRandom();
        for (SrtpProfile profile : SrtpProfile.values()) {
            if (!profile.offeredByDefault()) {
                assertThatThrownBy(() -> SdesCrypto.generate(1, profile, random)).isInstanceOf(IllegalArgumentException.class);
                continue;
            }
            try (SdesCrypto offer = SdesCrypto.generate(5, profile, random);
                 SdesCrypto answer = SdesCrypto.parse(offer.toAttributeLine());
                 SrtpKeys k1 = offer.srtpKeys();
                 SrtpKeys k2 = answer.srtpKeys()) {
                SrtpContext tx = SrtpContext.forSending(offer.policy(), k1);
                SrtpContext rx = SrtpContext.forReceiving(answer.policy(), k2);
                byte[] b = TestPackets.rtp(1, 1, 50, new Random(1));
                SrtpPacket p = new SrtpPacket(b, 0, 62);
                assertThat(tx.protect(p)).isEqualTo(SrtpStatus.OK);
                assertThat(rx.unprotect(p)).isEqualTo(SrtpStatus.OK);
            }
        }
    }

    @Test
    void signalledLifetimeStopsTheSender() throws Exception {
        SdesCrypto c = SdesCrypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^1");
        try (SrtpKeys k = c.srtpKeys()) {
            assertThat(k.lifetimePackets()).isEqualTo(2);
            SrtpContext tx = SrtpContext.forSending(c.policy(), k);
            Random r = new Random(2);
            for (int seq = 0; seq < 2; seq++) {
                assertThat(tx.protect(new SrtpPacket(TestPackets.rtp(1, seq, 10, r), 0, 22))).isEqualTo(SrtpStatus.OK);
            }
            assertThat(tx.protect(new SrtpPacket(TestPackets.rtp(1, 2, 10, r), 0, 22))).isEqualTo(SrtpStatus.KEY_EXPIRED);
        }
    }

    @Test
    void closeWipesKeys() throws Exception {
        SdesCrypto c = SdesCrypto.generate(1, SrtpProfile.AEAD_AES_128_GCM, new SecureRandom());
        c.close();
        assertThat(c.keys().get(0).keyAndSalt()).containsOnly(0);
    }
}
