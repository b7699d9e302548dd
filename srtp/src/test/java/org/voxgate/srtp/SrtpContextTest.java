package org.voxgate.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SrtpContextTest {
    private static final int SSRC = 0x11223344;

    private record Pair(SrtpContext tx, SrtpContext rx) {}

    private static Pair pair(SrtpPolicy policy, byte[] mki) {
        Random r = new Random(7);
        try (SrtpKeys k = TestPackets.randomKeys(policy.profile(), r, mki)) {
            return new Pair(SrtpContext.forSending(policy, k), SrtpContext.forReceiving(policy, k));
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void roundTripsRtpAndRtcpForEveryProfile(SrtpProfile profile) {
        Random r = new Random(profile.ordinal());
        for (byte[] mki : new byte[][] {null, {1, 2, 3, 4}}) {
            Pair p = pair(SrtpPolicy.of(profile), mki);
            for (int seq = 65530; seq < 65545; seq++) {
                int payload = r.nextInt(300);
                byte[] plain = TestPackets.rtp(SSRC, seq & 0xFFFF, payload, r);
                byte[] buf = plain.clone();
                SrtpPacket pkt = new SrtpPacket(buf, 0, 12 + payload);
                assertThat(p.tx.protect(pkt)).isEqualTo(SrtpStatus.OK);
                int mkiLen = mki == null ? 0 : mki.length;
                assertThat(pkt.length()).isEqualTo(12 + payload + mkiLen + profile.rtpTagLength());
                if (profile.cipher() != SrtpProfile.Cipher.NULL && payload > 8) {
                    assertThat(Arrays.equals(buf, 12, 12 + payload, plain, 12, 12 + payload)).isFalse();
                }
                assertThat(p.rx.unprotect(pkt)).isEqualTo(SrtpStatus.OK);
                assertThat(pkt.length()).isEqualTo(12 + payload);
                assertThat(Arrays.equals(buf, 0, pkt.length(), plain, 0, pkt.length())).isTrue();

                byte[] rtcpPlain = TestPackets.rtcp(SSRC, 4 * r.nextInt(40), r);
                int rtcpLen = rtcpPlain.length - TestPackets.ROOM;
                byte[] rb = rtcpPlain.clone();
                SrtpPacket rp = new SrtpPacket(rb, 0, rtcpLen);
                assertThat(p.tx.protectRtcp(rp)).isEqualTo(SrtpStatus.OK);
                assertThat(p.rx.unprotectRtcp(rp)).isEqualTo(SrtpStatus.OK);
                assertThat(Arrays.equals(rb, 0, rtcpLen, rtcpPlain, 0, rtcpLen)).isTrue();
            }
            assertThat(p.rx.rolloverCounter(SSRC)).isEqualTo(1);
            assertThat(p.rx.count(SSRC, SrtpStatus.OK)).isEqualTo(30);
        }
    }

    @Test
    void refusalsHaveTheirOwnReasonsAndAreCounted() {
        Random r = new Random(1);
        SrtpPolicy policy = SrtpPolicy.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        Pair p = pair(policy, new byte[] {9, 9});
        byte[] buf = TestPackets.rtp(SSRC, 100, 40, r);
        SrtpPacket pkt = new SrtpPacket(buf, 0, 52);
        assertThat(p.tx.protect(pkt)).isEqualTo(SrtpStatus.OK);
        byte[] good = Arrays.copyOf(buf, pkt.length());

        assertThat(p.rx.unprotect(new SrtpPacket(good.clone(), 0, 11))).isEqualTo(SrtpStatus.TRUNCATED);
        assertThat(p.rx.unprotect(new SrtpPacket(good.clone(), 0, 12 + 5))).isEqualTo(SrtpStatus.TOO_SHORT_FOR_TAG);
        byte[] badVersion = good.clone();
        badVersion[0] = 0x40;
        assertThat(p.rx.unprotect(new SrtpPacket(badVersion, 0, good.length))).isEqualTo(SrtpStatus.BAD_VERSION);
        byte[] cc = good.clone();
        cc[0] = (byte) 0x8F; // 15 CSRCs: header longer than the packet
        assertThat(p.rx.unprotect(new SrtpPacket(cc, 0, 60))).isEqualTo(SrtpStatus.TRUNCATED);
        byte[] badMki = good.clone();
        badMki[52] ^= 1;
        assertThat(p.rx.unprotect(new SrtpPacket(badMki, 0, good.length))).isEqualTo(SrtpStatus.BAD_MKI);
        byte[] badTag = good.clone();
        badTag[good.length - 1] ^= 1;
        assertThat(p.rx.unprotect(new SrtpPacket(badTag, 0, good.length))).isEqualTo(SrtpStatus.AUTH_FAIL);
        assertThat(badTag).isEqualTo(withLastBitFlipped(good)); // refused packets stay as they were
        assertThat(p.rx.unprotect(new SrtpPacket(good.clone(), 0, good.length))).isEqualTo(SrtpStatus.OK);
        assertThat(p.rx.unprotect(new SrtpPacket(good.clone(), 0, good.length))).isEqualTo(SrtpStatus.REPLAYED);

        // Move the receiver 200 packets ahead: seq 150 is then behind the 128-packet window.
        byte[] old = TestPackets.rtp(SSRC, 150, 40, r);
        SrtpPacket op = new SrtpPacket(old, 0, 52);
        assertThat(p.tx.protect(op)).isEqualTo(SrtpStatus.OK);
        byte[] ahead = TestPackets.rtp(SSRC, 300, 40, r);
        SrtpPacket ap = new SrtpPacket(ahead, 0, 52);
        assertThat(p.tx.protect(ap)).isEqualTo(SrtpStatus.OK);
        assertThat(p.rx.unprotect(ap)).isEqualTo(SrtpStatus.OK);
        assertThat(p.rx.unprotect(op)).isEqualTo(SrtpStatus.TOO_OLD);

        assertThat(p.rx.count(SrtpStatus.AUTH_FAIL)).isEqualTo(1); // before the stream existed
        assertThat(p.rx.count(SSRC, SrtpStatus.AUTH_FAIL)).isZero();
        assertThat(p.rx.count(SSRC, SrtpStatus.REPLAYED)).isEqualTo(1);
        assertThat(p.rx.count(SSRC, SrtpStatus.TOO_OLD)).isEqualTo(1);
        assertThat(p.rx.count(SrtpStatus.TRUNCATED)).isEqualTo(2);
        assertThat(p.rx.count(SrtpStatus.BAD_VERSION)).isEqualTo(1);
        assertThat(p.rx.count(SrtpStatus.OK)).isEqualTo(2);
        // the sender refuses an index older than its window too
        assertThat(p.tx.protect(new SrtpPacket(TestPackets.rtp(SSRC, 100, 40, r), 0, 52))).isEqualTo(SrtpStatus.TOO_OLD);

        // The sender refuses to reuse an index.
        byte[] again = TestPackets.rtp(SSRC, 300, 40, r);
        assertThat(p.tx.protect(new SrtpPacket(again, 0, 52))).isEqualTo(SrtpStatus.REPLAYED);
        // No room for the tag.
        byte[] tight = Arrays.copyOf(TestPackets.rtp(SSRC, 301, 40, r), 52 + 5);
        assertThat(p.tx.protect(new SrtpPacket(tight, 0, 52))).isEqualTo(SrtpStatus.NO_ROOM);
    }

    private static byte[] withLastBitFlipped(byte[] good) {
        byte[] b = good.clone();
        b[b.length - 1] ^= 1;
        return b;
    }

    @Test
    void unknownSsrcWhenRestricted() {
        Random r = new Random(2);
        SrtpPolicy policy = SrtpPolicy.of(SrtpProfile.AEAD_AES_128_GCM);
        try (SrtpKeys k = TestPackets.randomKeys(policy.profile(), r, null)) {
            SrtpContext tx = SrtpContext.forSending(policy, k);
            SrtpContext rx = SrtpContext.forReceiving(policy, k, SSRC);
            byte[] other = TestPackets.rtp(SSRC + 1, 1, 20, r);
            SrtpPacket op = new SrtpPacket(other, 0, 32);
            assertThat(tx.protect(op)).isEqualTo(SrtpStatus.OK);
            assertThat(rx.unprotect(op)).isEqualTo(SrtpStatus.UNKNOWN_SSRC);
            byte[] rtcp = TestPackets.rtcp(SSRC + 1, 20, r);
            SrtpPacket rp = new SrtpPacket(rtcp, 0, 28);
            assertThat(tx.protectRtcp(rp)).isEqualTo(SrtpStatus.OK);
            assertThat(rx.unprotectRtcp(rp)).isEqualTo(SrtpStatus.UNKNOWN_SSRC);
            assertThat(rx.count(SrtpStatus.UNKNOWN_SSRC)).isEqualTo(2);
        }
    }

    @Test
    void srtcpRefusals() {
        Random r = new Random(3);
        Pair p = pair(SrtpPolicy.of(SrtpProfile.AES_CM_128_HMAC_SHA1_32), null);
        byte[] b = TestPackets.rtcp(SSRC, 24, r);
        SrtpPacket pkt = new SrtpPacket(b, 0, 32);
        assertThat(p.tx.protectRtcp(pkt)).isEqualTo(SrtpStatus.OK);
        assertThat(pkt.length()).isEqualTo(32 + 4 + 10); // SRTCP keeps the 80-bit tag
        byte[] good = Arrays.copyOf(b, pkt.length());
        byte[] flippedE = good.clone();
        flippedE[32] ^= (byte) 0x80;
        assertThat(p.rx.unprotectRtcp(new SrtpPacket(flippedE, 0, good.length))).isEqualTo(SrtpStatus.E_FLAG_MISMATCH);
        assertThat(p.rx.unprotectRtcp(new SrtpPacket(good.clone(), 0, 7))).isEqualTo(SrtpStatus.TRUNCATED);
        assertThat(p.rx.unprotectRtcp(new SrtpPacket(good.clone(), 0, 8 + 4 + 9))).isEqualTo(SrtpStatus.TOO_SHORT_FOR_TAG);
        assertThat(p.rx.unprotectRtcp(new SrtpPacket(good.clone(), 0, good.length))).isEqualTo(SrtpStatus.OK);
        assertThat(p.rx.unprotectRtcp(new SrtpPacket(good.clone(), 0, good.length))).isEqualTo(SrtpStatus.REPLAYED);
        assertThat(p.rx.count(SrtpStatus.E_FLAG_MISMATCH)).isEqualTo(1); // no stream yet: context count
        byte[] b2 = TestPackets.rtcp(SSRC, 24, r);
        SrtpPacket pkt2 = new SrtpPacket(b2, 0, 32);
        assertThat(p.tx.protectRtcp(pkt2)).isEqualTo(SrtpStatus.OK);
        b2[32] ^= (byte) 0x80;
        assertThat(p.rx.unprotectRtcp(pkt2)).isEqualTo(SrtpStatus.E_FLAG_MISMATCH);
        assertThat(p.rx.count(SSRC, SrtpStatus.E_FLAG_MISMATCH)).isEqualTo(1);
    }

    @Test
    void unencryptedSrtcpCarriesEZeroAndStaysReadable() {
        Random r = new Random(4);
        for (SrtpProfile profile : new SrtpProfile[] {SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpProfile.AEAD_AES_256_GCM}) {
            Pair p = pair(SrtpPolicy.of(profile).withSessionParams(true, false, true), null);
            byte[] plain = TestPackets.rtcp(SSRC, 24, r);
            byte[] b = plain.clone();
            SrtpPacket pkt = new SrtpPacket(b, 0, 32);
            assertThat(p.tx.protectRtcp(pkt)).isEqualTo(SrtpStatus.OK);
            assertThat(Arrays.equals(b, 0, 32, plain, 0, 32)).isTrue();
            assertThat(b[32 + (profile.isAead() ? 16 : 0)] & 0x80).isZero();
            assertThat(p.rx.unprotectRtcp(pkt)).isEqualTo(SrtpStatus.OK);
            assertThat(pkt.length()).isEqualTo(32);
        }
    }

    @Test
    void keyLimitsStopTheSender() {
        Random r = new Random(5);
        Pair p = pair(SrtpPolicy.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80), null);
        // ROC exhausted: the highest possible index is 2^48 - 1.
        p.tx.setRolloverCounter(SSRC, 0xFFFF_FFFF);
        byte[] last = TestPackets.rtp(SSRC, 0xFFFF, 10, r);
        assertThat(p.tx.protect(new SrtpPacket(last, 0, 22))).isEqualTo(SrtpStatus.OK);
        byte[] wrapped = TestPackets.rtp(SSRC, 0, 10, r);
        assertThat(p.tx.protect(new SrtpPacket(wrapped, 0, 22))).isEqualTo(SrtpStatus.KEY_EXPIRED);

        // 2^31 SRTCP packets: the index after 2^31 - 1 does not exist.
        p.tx.nextSrtcpIndexForTest(SSRC, 0x7FFF_FFFFL);
        byte[] rtcp = TestPackets.rtcp(SSRC, 8, r);
        assertThat(p.tx.protectRtcp(new SrtpPacket(rtcp, 0, 16))).isEqualTo(SrtpStatus.OK);
        byte[] rtcp2 = TestPackets.rtcp(SSRC, 8, r);
        assertThat(p.tx.protectRtcp(new SrtpPacket(rtcp2, 0, 16))).isEqualTo(SrtpStatus.KEY_EXPIRED);

        // The per-key packet count (lowered here; 2^48 in production).
        Pair q = pair(SrtpPolicy.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80), null);
        q.tx.limitsForTest(3, 1);
        for (int seq = 0; seq < 3; seq++) {
            assertThat(q.tx.protect(new SrtpPacket(TestPackets.rtp(SSRC, seq, 10, r), 0, 22))).isEqualTo(SrtpStatus.OK);
        }
        assertThat(q.tx.protect(new SrtpPacket(TestPackets.rtp(SSRC + 7, 3, 10, r), 0, 22))).isEqualTo(SrtpStatus.KEY_EXPIRED);
        assertThat(q.tx.count(SrtpStatus.KEY_EXPIRED)).isEqualTo(1);
    }

    @Test
    void closeWipesAndRefuses() {
        Random r = new Random(6);
        SrtpKeys k = TestPackets.randomKeys(SrtpProfile.AES_CM_128_HMAC_SHA1_80, r, new byte[] {1});
        SrtpContext tx = SrtpContext.forSending(SrtpPolicy.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80), k);
        k.close();
        assertThat(k.masterKeyRef()).containsOnly(0);
        assertThat(k.masterSaltRef()).containsOnly(0);
        assertThat(k.mkiRef()).containsOnly(0);
        assertThatThrownBy(k::masterKey).isInstanceOf(IllegalStateException.class);
        assertThat(tx.protect(new SrtpPacket(TestPackets.rtp(SSRC, 1, 10, r), 0, 22))).isEqualTo(SrtpStatus.OK);
        tx.close();
        assertThat(tx.protect(new SrtpPacket(TestPackets.rtp(SSRC, 2, 10, r), 0, 22))).isEqualTo(SrtpStatus.CLOSED);
    }

    @Test
    void wrongKeyLengthsAndDirectionsAreProgrammerErrors() {
        SrtpPolicy policy = SrtpPolicy.of(SrtpProfile.AES_256_CM_HMAC_SHA1_80);
        try (SrtpKeys k = new SrtpKeys(new byte[16], new byte[14])) {
            assertThatThrownBy(() -> SrtpContext.forSending(policy, k)).isInstanceOf(IllegalArgumentException.class);
        }
        Pair p = pair(SrtpPolicy.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80), null);
        assertThatThrownBy(() -> p.tx.unprotect(new SrtpPacket(new byte[40], 0, 40))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SrtpPolicy(SrtpProfile.AES_CM_128_HMAC_SHA1_80, 32, true, true, true, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
