package org.voxgate.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The packet path allocates nothing: protect, unprotect, and every refusal, measured with the
 * JVM's per-thread allocation counter after warm-up (JMH -prof gc shows the same in lab).
 */
class AllocationTest {

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @ParameterizedTest
    @EnumSource(value = SrtpProfile.class, names = {"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM", "AES_256_CM_HMAC_SHA1_32"})
    void packetPathAllocatesNothing(SrtpProfile profile) {
        Random r = new Random(1);
        SrtpContext tx;
        SrtpContext rx;
        try (SrtpKeys k = TestPackets.randomKeys(profile, r, new byte[] {5})) {
            tx = SrtpContext.forSending(SrtpPolicy.of(profile), k);
            rx = SrtpContext.forReceiving(SrtpPolicy.of(profile), k);
        }
        byte[] plain = TestPackets.rtp(9, 0, 160, r);
        byte[] rtcpPlain = TestPackets.rtcp(9, 40, r);
        byte[] buf = new byte[plain.length];
        byte[] rbuf = new byte[rtcpPlain.length];
        SrtpPacket p = new SrtpPacket();
        int[] seq = {0};
        Runnable round = () -> {
            for (int i = 0; i < 200; i++) {
                System.arraycopy(plain, 0, buf, 0, plain.length);
                int s = seq[0]++;
                buf[2] = (byte) (s >>> 8);
                buf[3] = (byte) s;
                p.set(buf, 0, 172);
                tx.protect(p);
                int len = p.length();
                buf[20] ^= 1;
                rx.unprotect(p.set(buf, 0, len));      // AUTH_FAIL
                buf[20] ^= 1;
                rx.unprotect(p.set(buf, 0, len));      // OK
                rx.unprotect(p.set(buf, 0, 5));        // TRUNCATED
                System.arraycopy(plain, 0, buf, 0, plain.length);
                buf[2] = (byte) (s >>> 8);
                buf[3] = (byte) s;
                tx.protect(p.set(buf, 0, 172));        // REPLAYED on the sender
                System.arraycopy(rtcpPlain, 0, rbuf, 0, rtcpPlain.length);
                p.set(rbuf, 0, 48);
                tx.protectRtcp(p);
                int rl = p.length();
                rx.unprotectRtcp(p.set(rbuf, 0, rl));  // OK
                rx.unprotectRtcp(p.set(rbuf, 0, rl));  // (plain now) refused
            }
        };
        for (int w = 0; w < 300; w++) {
            round.run();
        }
        long before = allocated();
        for (int w = 0; w < 20; w++) {
            round.run();
        }
        long bytes = allocated() - before;

        // 28,000 calls: one 16-byte allocation per packet would show as 448,000 bytes; the few
        // hundred bytes the JIT's own bookkeeping may charge to this thread stay far below.
        assertThat(bytes).as("bytes allocated over 28,000 packet calls").isLessThan(7_000);
        assertThat(rx.count(SrtpStatus.OK)).isPositive();
        assertThat(rx.count(SrtpStatus.AUTH_FAIL)).isPositive();
        assertThat(tx.count(SrtpStatus.REPLAYED)).isPositive();
    }
}
