package org.voxgate.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every single-bit flip of a protected SRTP or SRTCP packet is refused, and the refused packet's
 * bytes are left untouched. Most flips are AUTH_FAIL; flips in the version, CSRC count,
 * extension bit, MKI or E flag are refused earlier with their own reason.
 */
class BitFlipTest {
    private static final int SSRC = 0x0BADCAFE;

    @ParameterizedTest
    @EnumSource(value = SrtpProfile.class, names = {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32",
            "AES_256_CM_HMAC_SHA1_80", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM", "NULL_HMAC_SHA1_80"})
    void everyBitFlipIsRefused(SrtpProfile profile) {
        Random r = new Random(42);
        SrtpPolicy policy = SrtpPolicy.of(profile);
        try (SrtpKeys k = TestPackets.randomKeys(profile, r, new byte[] {0x5A, 0x5B})) {
            SrtpContext tx = SrtpContext.forSending(policy, k);
            SrtpContext rx = SrtpContext.forReceiving(policy, k);

            byte[] rtp = TestPackets.rtp(SSRC, 4000, 60, r);
            SrtpPacket p = new SrtpPacket(rtp, 0, 72);
            assertThat(tx.protect(p)).isEqualTo(SrtpStatus.OK);
            byte[] good = Arrays.copyOf(rtp, p.length());
            int authFails = 0;
            for (int bit = 0; bit < good.length * 8; bit++) {
                byte[] bad = good.clone();
                bad[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7));
                byte[] copy = bad.clone();
                SrtpStatus st = rx.unprotect(new SrtpPacket(bad, 0, bad.length));
                assertThat(st).as("RTP bit %d", bit).isNotEqualTo(SrtpStatus.OK);
                assertThat(bad).as("RTP bit %d left as it was", bit).isEqualTo(copy);
                if (st == SrtpStatus.AUTH_FAIL) {
                    authFails++;
                }
            }
            assertThat(authFails).isGreaterThan(good.length * 8 - 40);
            assertThat(rx.unprotect(new SrtpPacket(good.clone(), 0, good.length))).isEqualTo(SrtpStatus.OK);

            byte[] rtcp = TestPackets.rtcp(SSRC, 40, r);
            SrtpPacket q = new SrtpPacket(rtcp, 0, 48);
            assertThat(tx.protectRtcp(q)).isEqualTo(SrtpStatus.OK);
            byte[] goodRtcp = Arrays.copyOf(rtcp, q.length());
            for (int bit = 0; bit < goodRtcp.length * 8; bit++) {
                byte[] bad = goodRtcp.clone();
                bad[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7));
                SrtpStatus st = rx.unprotectRtcp(new SrtpPacket(bad, 0, bad.length));
                assertThat(st).as("RTCP bit %d", bit).isNotEqualTo(SrtpStatus.OK);
            }
            assertThat(rx.unprotectRtcp(new SrtpPacket(goodRtcp.clone(), 0, goodRtcp.length))).isEqualTo(SrtpStatus.OK);
        }
    }
}
