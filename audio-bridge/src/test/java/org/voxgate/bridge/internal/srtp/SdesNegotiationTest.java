package org.voxgate.bridge.internal.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.SdpException;
import org.voxgate.srtp.SdesCrypto;
import org.voxgate.srtp.SrtpContext;
import org.voxgate.srtp.SrtpKeys;
import org.voxgate.srtp.SrtpPacket;
import org.voxgate.srtp.SrtpPolicy;
import org.voxgate.srtp.SrtpProfile;
import org.voxgate.srtp.SrtpStatus;

class SdesNegotiationTest {
    private final SecureRandom random = new SecureRandom();

    private String line(int tag, SrtpProfile p) {
        return SdesCrypto.generate(tag, p, random).format();
    }

    @Test
    void takesTheBestSuiteInOurOrderAndAnswersItsTagWithOneFreshKey() throws Exception {
        List<String> offered = List.of(line(1, SrtpProfile.AES_CM_128_HMAC_SHA1_32),
                line(2, SrtpProfile.AES_256_CM_HMAC_SHA1_80), line(3, SrtpProfile.AEAD_AES_128_GCM),
                line(4, SrtpProfile.AES_CM_128_HMAC_SHA1_80));
        try (SdesNegotiation n = new SdesNegotiation(random)) {
            SdesNegotiation.Outcome o = n.answer(offered);
            assertThat(o.answerLine()).startsWith("a=crypto:4 AES_CM_128_HMAC_SHA1_80 inline:");
            SdesCrypto ours = SdesCrypto.parse(o.answerLine());
            assertThat(ours.keys()).hasSize(1);
            assertThat(o.receive()).isNotNull();
            assertThat(o.sendRtp()).isNotNull().isNotSameAs(o.sendRtcp());
            for (String l : offered) {
                assertThat(o.answerLine()).doesNotContain(l.substring(l.indexOf("inline:")));
            }
        }
        try (SdesNegotiation n = new SdesNegotiation(random)) {
            assertThat(n.answer(offered.subList(0, 3)).answerLine()).startsWith("a=crypto:3 AEAD_AES_128_GCM ");
        }
        try (SdesNegotiation n = new SdesNegotiation(random)) {
            assertThat(n.answer(offered.subList(0, 2)).answerLine()).startsWith("a=crypto:2 AES_256_CM_HMAC_SHA1_80 ");
        }
    }

    @Test
    void twoNegotiationsNeverDrawTheSameKey() throws Exception {
        List<String> offered = List.of(line(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80));
        try (SdesNegotiation a = new SdesNegotiation(random); SdesNegotiation b = new SdesNegotiation(random)) {
            assertThat(a.answer(offered).answerLine()).isNotEqualTo(b.answer(offered).answerLine());
        }
    }

    @Test
    void skipsBrokenUnknownAndWeakenedLines() throws Exception {
        String weak = line(5, SrtpProfile.AES_CM_128_HMAC_SHA1_80) + " UNENCRYPTED_SRTCP";
        String unauthenticated = line(6, SrtpProfile.AES_CM_128_HMAC_SHA1_80) + " UNAUTHENTICATED_SRTP";
        List<String> offered = List.of("1 F8_128_HMAC_SHA1_80 inline:MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkw",
                "2 AES_CM_128_HMAC_SHA1_80 inline:not-base64!", weak, unauthenticated,
                line(7, SrtpProfile.AES_CM_128_HMAC_SHA1_32));
        try (SdesNegotiation n = new SdesNegotiation(random)) {
            assertThat(n.answer(offered).answerLine()).startsWith("a=crypto:7 AES_CM_128_HMAC_SHA1_32 ");
        }
        assertThat(SdesNegotiation.acceptable(offered.subList(0, 4))).isFalse();
        try (SdesNegotiation n = new SdesNegotiation(random)) {
            assertThatThrownBy(() -> n.answer(offered.subList(0, 4))).isInstanceOf(SdpException.class)
                    .satisfies(e -> assertThat(((SdpException) e).warningCode()).isEqualTo(306));
        }
    }

    @Test
    void reofferWithTheSameKeyKeepsBothDirectionsAndANewPeerKeyOnlyTheSendingOne() throws Exception {
        List<String> offered = List.of(line(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80));
        try (SdesNegotiation n = new SdesNegotiation(random)) {
            SdesNegotiation.Outcome first = n.answer(offered);
            SdesNegotiation.Outcome again = n.answer(offered);
            assertThat(again.answerLine()).isEqualTo(first.answerLine());
            assertThat(again.receive()).isNull();
            assertThat(again.sendRtp()).isNull();
            SdesNegotiation.Outcome rekeyed = n.answer(List.of(line(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80)));
            assertThat(rekeyed.answerLine()).isEqualTo(first.answerLine());
            assertThat(rekeyed.receive()).isNotNull();
            assertThat(rekeyed.sendRtp()).isNull();
            SdesNegotiation.Outcome otherSuite = n.answer(List.of(line(1, SrtpProfile.AEAD_AES_128_GCM)));
            assertThat(otherSuite.answerLine()).startsWith("a=crypto:1 AEAD_AES_128_GCM ");
            assertThat(otherSuite.sendRtp()).isNotNull();
            assertThat(otherSuite.receive()).isNotNull();
        }
    }

    @Test
    void theContextsUseTheKeysOnTheLines() throws Exception {
        SdesCrypto theirs = SdesCrypto.generate(9, SrtpProfile.AES_CM_128_HMAC_SHA1_80, random);
        try (SdesNegotiation n = new SdesNegotiation(random)) {
            SdesNegotiation.Outcome o = n.answer(List.of(theirs.format()));
            SdesCrypto ours = SdesCrypto.parse(o.answerLine());
            // their sender -> our receiving context
            byte[] pkt = rtp(1000);
            try (SrtpKeys k = theirs.srtpKeys();
                 SrtpContext peerSend = SrtpContext.forSending(SrtpPolicy.of(theirs.profile()), k)) {
                SrtpPacket p = new SrtpPacket(pkt, 0, 172);
                assertThat(peerSend.protect(p)).isEqualTo(SrtpStatus.OK);
                assertThat(o.receive().unprotect(p)).isEqualTo(SrtpStatus.OK);
            }
            // our sender -> their receiving context, under the key we answered
            byte[] out = rtp(7);
            SrtpPacket q = new SrtpPacket(out, 0, 172);
            assertThat(o.sendRtp().protect(q)).isEqualTo(SrtpStatus.OK);
            try (SrtpKeys k = ours.srtpKeys();
                 SrtpContext peerReceive = SrtpContext.forReceiving(SrtpPolicy.of(ours.profile()), k)) {
                assertThat(peerReceive.unprotect(q)).isEqualTo(SrtpStatus.OK);
            }
        }
    }

    private static byte[] rtp(int seq) {
        byte[] b = new byte[256];
        b[0] = (byte) 0x80;
        b[2] = (byte) (seq >> 8);
        b[3] = (byte) seq;
        b[11] = 42;
        for (int i = 12; i < 172; i++) {
            b[i] = (byte) 0xFF;
        }
        return b;
    }
}
