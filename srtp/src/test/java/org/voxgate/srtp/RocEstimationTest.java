package org.voxgate.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.voxgate.srtp.internal.index.SrtpIndex;

/** ROC estimation (RFC 3711 section 3.3.1) around the sequence-number wrap. */
class RocEstimationTest {

    @Test
    void estimateIsRightWithin160PacketsOfTheHighestAroundTheWrap() {
        Random r = new Random(2024);
        int trials = 1 << 18;
        int wrong = 0;
        for (int t = 0; t < trials; t++) {
            long roc = r.nextInt(1 << 20) + 1;
            // highest seq within 400 of the wrap, on either side
            int sl = (0x10000 - 200 + r.nextInt(400)) & 0xFFFF;
            long highestIndex = (sl >= 0x8000 ? roc - 1 : roc) << 16 | sl;
            long trueIndex = highestIndex + r.nextInt(321) - 160;
            long est = SrtpIndex.estimate(highestIndex, 0, (int) (trueIndex & 0xFFFF));
            if (est != trueIndex) {
                wrong++;
            }
        }
        assertThat(wrong).isZero();
    }

    @Test
    void estimateAtStreamStartAndEnd() {
        assertThat(SrtpIndex.estimate(-1, 5, 0x1234)).isEqualTo((5L << 16) | 0x1234);
        assertThat(SrtpIndex.estimate(10, 0, 0xFFF0)).isEqualTo(-1); // before index 0
        assertThat(SrtpIndex.estimate((0xFFFF_FFFFL << 16) | 0xFFF0, 0, 5)).isEqualTo(SrtpIndex.INDEX_LIMIT);
        assertThat(SrtpIndex.distance(65535, 2)).isEqualTo(3);
        assertThat(SrtpIndex.distance(2, 65535)).isEqualTo(-3);
    }

    @Test
    void streamsSurviveReorderingUpTo160PacketsAcrossTheWrap() {
        Random r = new Random(7);
        SrtpPolicy policy = SrtpPolicy.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80).withReplayWindow(512);
        for (int trial = 0; trial < 20; trial++) {
            SrtpContext tx;
            SrtpContext rx;
            try (SrtpKeys k = TestPackets.randomKeys(policy.profile(), r, null)) {
                tx = SrtpContext.forSending(policy, k);
                rx = SrtpContext.forReceiving(policy, k);
            }
            int ssrc = r.nextInt();
            int roc = r.nextInt(1000);
            tx.setRolloverCounter(ssrc, roc);
            rx.setRolloverCounter(ssrc, roc);
            int startSeq = 65535 - r.nextInt(300);
            int count = 1500;
            List<byte[]> wire = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] b = TestPackets.rtp(ssrc, (startSeq + i) & 0xFFFF, 20, r);
                SrtpPacket p = new SrtpPacket(b, 0, 32);
                assertThat(tx.protect(p)).isEqualTo(SrtpStatus.OK);
                wire.add(java.util.Arrays.copyOf(b, p.length()));
            }
            // Bounded reordering: shuffle within blocks of 160, keeping the first packet first
            // (a receiver learns s_l from its first packet).
            List<byte[]> order = new ArrayList<>(wire.subList(0, 1));
            for (int i = 1; i < count; i += 160) {
                List<byte[]> block = new ArrayList<>(wire.subList(i, Math.min(count, i + 160)));
                Collections.shuffle(block, r);
                order.addAll(block);
            }
            for (byte[] pkt : order) {
                byte[] b = pkt.clone();
                assertThat(rx.unprotect(new SrtpPacket(b, 0, b.length))).isEqualTo(SrtpStatus.OK);
            }
            assertThat(rx.rolloverCounter(ssrc)).isEqualTo(roc + 1);
        }
    }
}
