package org.voxgate.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * The packets libsrtp's test/srtp_driver.c validates against (srtp_validate: AES_CM_128
 * HMAC_SHA1_80, key e1f97a0d...aabe6, SSRC 0xcafebabe, RTP seq 0x1234, SRTCP index 1).
 * The same bytes come out of Debian's libsrtp2 through pylibsrtp.
 */
class LibsrtpDriverVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    static final byte[] KEY = HEX.parseHex("e1f97a0d3e018be0d64fa32c06de41390ec675ad498afeebb6960b3aabe6");
    static final String RTP_PLAIN = "800f1234decafbadcafebabe" + "ab".repeat(16);
    static final String RTP_PROTECTED = "800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb";
    static final String RTCP_PLAIN = "81c8000bcafebabe" + "ab".repeat(16);
    static final String RTCP_PROTECTED = "81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798";

    private static SrtpKeys keys() {
        return SrtpKeys.fromConcatenated(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY, null);
    }

    @Test
    void protectsLikeLibsrtp() {
        SrtpPolicy policy = SrtpPolicy.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        try (SrtpKeys k = keys(); SrtpContext tx = SrtpContext.forSending(policy, k)) {
            byte[] buf = Arrays.copyOf(HEX.parseHex(RTP_PLAIN), 100);
            SrtpPacket p = new SrtpPacket(buf, 0, 28);
            assertThat(tx.protect(p)).isEqualTo(SrtpStatus.OK);
            assertThat(HEX.formatHex(buf, 0, p.length())).isEqualTo(RTP_PROTECTED);

            byte[] rtcp = Arrays.copyOf(HEX.parseHex(RTCP_PLAIN), 100);
            SrtpPacket q = new SrtpPacket(rtcp, 0, 24);
            assertThat(tx.protectRtcp(q)).isEqualTo(SrtpStatus.OK);
            assertThat(HEX.formatHex(rtcp, 0, q.length())).isEqualTo(RTCP_PROTECTED);
        }
    }

    @Test
    void unprotectsLibsrtpOutput() {
        SrtpPolicy policy = SrtpPolicy.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        try (SrtpKeys k = keys(); SrtpContext rx = SrtpContext.forReceiving(policy, k)) {
            byte[] buf = HEX.parseHex(RTP_PROTECTED);
            SrtpPacket p = new SrtpPacket(buf, 0, buf.length);
            assertThat(rx.unprotect(p)).isEqualTo(SrtpStatus.OK);
            assertThat(HEX.formatHex(buf, 0, p.length())).isEqualTo(RTP_PLAIN);

            byte[] rtcp = HEX.parseHex(RTCP_PROTECTED);
            SrtpPacket q = new SrtpPacket(rtcp, 0, rtcp.length);
            assertThat(rx.unprotectRtcp(q)).isEqualTo(SrtpStatus.OK);
            assertThat(HEX.formatHex(rtcp, 0, q.length())).isEqualTo(RTCP_PLAIN);
        }
    }

    /** srtp_validate_gcm: AEAD_AES_128_GCM, key 000102..0f, salt a0a1..ab, same plaintexts. */
    @Test
    void gcmLikeLibsrtp() {
        byte[] keyAndSalt = HEX.parseHex("000102030405060708090a0b0c0d0e0f" + "a0a1a2a3a4a5a6a7a8a9aaab");
        String rtpProtected = "800f1234decafbadcafebabec5002ede04cfdd2eb91159e0880aa06ed2976826f796b201df3131a127e8a392";
        String rtcpProtected = "81c8000bcafebabec98b8b5df0392a55852b6c21ac8e7025c52c6fbea2b3b446ea31123ba88ce61e80000001";
        SrtpPolicy policy = SrtpPolicy.of(SrtpProfile.AEAD_AES_128_GCM);
        try (SrtpKeys k = SrtpKeys.fromConcatenated(policy.profile(), keyAndSalt, null);
             SrtpContext tx = SrtpContext.forSending(policy, k);
             SrtpContext rx = SrtpContext.forReceiving(policy, k)) {
            byte[] buf = Arrays.copyOf(HEX.parseHex(RTP_PLAIN), 100);
            SrtpPacket p = new SrtpPacket(buf, 0, 28);
            assertThat(tx.protect(p)).isEqualTo(SrtpStatus.OK);
            assertThat(HEX.formatHex(buf, 0, p.length())).isEqualTo(rtpProtected);
            assertThat(rx.unprotect(p)).isEqualTo(SrtpStatus.OK);
            assertThat(HEX.formatHex(buf, 0, p.length())).isEqualTo(RTP_PLAIN);

            byte[] rtcp = Arrays.copyOf(HEX.parseHex(RTCP_PLAIN), 100);
            SrtpPacket q = new SrtpPacket(rtcp, 0, 24);
            assertThat(tx.protectRtcp(q)).isEqualTo(SrtpStatus.OK);
            assertThat(HEX.formatHex(rtcp, 0, q.length())).isEqualTo(rtcpProtected);
            assertThat(rx.unprotectRtcp(q)).isEqualTo(SrtpStatus.OK);
            assertThat(HEX.formatHex(rtcp, 0, q.length())).isEqualTo(RTCP_PLAIN);
        }
    }
}
