package org.voxgate.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.voxgate.srtp.internal.index.ReplayWindow;
import org.voxgate.srtp.internal.index.SrtpIndex;

/**
 * Replay protection against a model: 100,000 random sequence numbers (fresh, duplicated, late,
 * early; across the 16-bit wrap) through the real context. A packet must be accepted exactly
 * when its true index was never accepted and lies within the window below the highest index.
 */
class ReplayFuzzTest {
    private static final int SSRC = 77;

    @Test
    void noReplayAcceptedAndNoValidPacketRefused() {
        for (int window : new int[] {64, 128, 1000}) {
            run(window, 100_000, 1234 + window);
        }
    }

    private static void run(int window, int packets, long seed) {
        Random r = new Random(seed);
        SrtpPolicy policy = SrtpPolicy.of(SrtpProfile.AES_CM_128_HMAC_SHA1_32).withReplayWindow(window);
        SrtpContext tx;
        SrtpContext rx;
        try (SrtpKeys k = TestPackets.randomKeys(policy.profile(), r, null)) {
            tx = SrtpContext.forSending(policy.withReplayWindow(32768), k);
            rx = SrtpContext.forReceiving(policy, k);
        }
        // Pre-protect a run of indexes so any of them can be (re)delivered in random order.
        int span = 70_000;
        long start = 65_000; // crosses the wrap at 65536
        tx.setRolloverCounter(SSRC, 0);
        byte[][] wire = new byte[span][];
        for (int i = 0; i < span; i++) {
            long index = start + i;
            byte[] b = TestPackets.rtp(SSRC, (int) (index & 0xFFFF), 4, r);
            SrtpPacket p = new SrtpPacket(b, 0, 16);
            // the sender's own window is 32768: keep the sender moving forward only
            if (i == 0) {
                tx.setRolloverCounter(SSRC, SrtpIndex.roc(index));
            }
            assertThat(tx.protect(p)).isEqualTo(SrtpStatus.OK);
            wire[i] = java.util.Arrays.copyOf(b, p.length());
        }
        Set<Long> accepted = new HashSet<>();
        long highest = -1;
        int replaysAccepted = 0;
        int validRefused = 0;
        int pos = 0;
        for (int n = 0; n < packets; n++) {
            int pick;
            int mode = r.nextInt(10);
            if (mode < 5) {
                pos = Math.min(span - 1, pos + 1 + r.nextInt(3));
                pick = pos;
            } else if (mode < 8) {
                pick = Math.max(0, pos - r.nextInt(window + window / 2));
            } else {
                pick = Math.max(0, pos - r.nextInt(4));
            }
            long index = start + pick;
            boolean expectOk;
            if (highest < 0 || index > highest) {
                expectOk = true;
            } else {
                expectOk = highest - index < window && !accepted.contains(index);
            }
            byte[] b = wire[pick].clone();
            SrtpStatus st = rx.unprotect(new SrtpPacket(b, 0, b.length));
            if (st == SrtpStatus.OK) {
                if (!expectOk) {
                    replaysAccepted++;
                }
                accepted.add(index);
                highest = Math.max(highest, index);
            } else {
                assertThat(st).isIn(SrtpStatus.REPLAYED, SrtpStatus.TOO_OLD);
                if (expectOk) {
                    validRefused++;
                }
            }
        }
        assertThat(replaysAccepted).as("replays accepted, window %d", window).isZero();
        assertThat(validRefused).as("valid in-window packets refused, window %d", window).isZero();
        assertThat(rx.count(SrtpStatus.REPLAYED)).isPositive();
        assertThat(rx.count(SrtpStatus.TOO_OLD)).isPositive();
    }

    @Test
    void windowModelOnRawIndexes() {
        Random r = new Random(99);
        ReplayWindow w = new ReplayWindow(128);
        Set<Long> seen = new HashSet<>();
        long highest = -1;
        for (int n = 0; n < 100_000; n++) {
            long idx = Math.max(0, highest + r.nextInt(400) - 300);
            int res = w.check(idx);
            int expect = highest < 0 || idx > highest ? ReplayWindow.NEW
                    : highest - idx >= 128 ? ReplayWindow.TOO_OLD
                    : seen.contains(idx) ? ReplayWindow.REPLAYED : ReplayWindow.NEW;
            assertThat(res).isEqualTo(expect);
            if (res == ReplayWindow.NEW) {
                w.accept(idx);
                seen.add(idx);
                highest = Math.max(highest, idx);
            }
        }
    }
}
