package org.voxgate.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzz target of the unprotect path: arbitrary bytes and mutations of valid packets, for both
 * SRTP and SRTCP and every profile family. Nothing throws, nothing forged is accepted, and a
 * refused packet is left untouched.
 */
class SrtpUnprotectFuzzTest {
    private static final SrtpProfile[] PROFILES = {SrtpProfile.AES_CM_128_HMAC_SHA1_80,
        SrtpProfile.AES_CM_128_HMAC_SHA1_32, SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES_256_CM_HMAC_SHA1_80};

    @Property(tries = 3000)
    void arbitraryBytes(@ForAll @Size(max = 300) byte[] data, @ForAll @IntRange(min = 0, max = 3) int which,
                        @ForAll boolean rtcp, @ForAll boolean withMki) {
        SrtpProfile profile = PROFILES[which];
        try (SrtpKeys k = TestPackets.randomKeys(profile, new Random(which), withMki ? new byte[] {1, 2} : null)) {
            SrtpContext rx = SrtpContext.forReceiving(SrtpPolicy.of(profile), k);
            byte[] copy = data.clone();
            SrtpPacket p = new SrtpPacket(data, 0, data.length);
            SrtpStatus st = rtcp ? rx.unprotectRtcp(p) : rx.unprotect(p);
            assertThat(st).isNotEqualTo(SrtpStatus.OK);
            assertThat(data).isEqualTo(copy);
        }
    }

    @Property(tries = 3000)
    void mutatedValidPackets(@ForAll @IntRange(min = 0, max = 3) int which, @ForAll boolean rtcp,
                             @ForAll @IntRange(min = 0, max = 400) int payload, @ForAll long seed,
                             @ForAll @IntRange(min = 1, max = 4) int flips, @ForAll @IntRange(min = -20, max = 20) int lengthDelta) {
        SrtpProfile profile = PROFILES[which];
        Random r = new Random(seed);
        try (SrtpKeys k = TestPackets.randomKeys(profile, r, null)) {
            SrtpContext tx = SrtpContext.forSending(SrtpPolicy.of(profile), k);
            SrtpContext rx = SrtpContext.forReceiving(SrtpPolicy.of(profile), k);
            byte[] b = rtcp ? TestPackets.rtcp(7, payload & ~3, r) : TestPackets.rtp(7, r.nextInt(65536), payload, r);
            int len = rtcp ? 8 + (payload & ~3) : 12 + payload;
            SrtpPacket p = new SrtpPacket(b, 0, len);
            assertThat(rtcp ? tx.protectRtcp(p) : tx.protect(p)).isEqualTo(SrtpStatus.OK);
            int protectedLen = p.length();
            byte[] original = Arrays.copyOf(b, protectedLen);
            for (int i = 0; i < flips; i++) {
                b[r.nextInt(protectedLen)] ^= (byte) (1 + r.nextInt(255));
            }
            int newLen = Math.max(0, Math.min(b.length, protectedLen + lengthDelta));
            boolean unchanged = newLen == protectedLen && Arrays.equals(b, 0, protectedLen, original, 0, protectedLen);
            byte[] before = b.clone();
            SrtpPacket q = new SrtpPacket(b, 0, newLen);
            SrtpStatus st = rtcp ? rx.unprotectRtcp(q) : rx.unprotect(q);
            if (unchanged) {
                assertThat(st).isEqualTo(SrtpStatus.OK);
            } else {
                assertThat(st).isNotEqualTo(SrtpStatus.OK);
                assertThat(b).isEqualTo(before);
            }
        }
    }
}
