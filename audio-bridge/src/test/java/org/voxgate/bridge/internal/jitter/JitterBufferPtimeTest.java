package org.voxgate.bridge.internal.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voxgate.testing.FakeClock;

/**
 * The jitter buffer at 10, 20, 40 and 60 ms packets (48 kHz Opus clock): steady streams play
 * without loss; jittered arrivals of up to two packet durations play in order; a lost packet is
 * reported once and the packet after it can be peeked for FEC.
 */
class JitterBufferPtimeTest {

    @ParameterizedTest(name = "{0} ms")
    @ValueSource(ints = {10, 20, 40, 60})
    void jitteredStreamPlaysInOrderAndALossIsPeekable(int ptimeMs) {
        FakeClock clock = new FakeClock();
        int units = 48 * ptimeMs;
        JitterBuffer jb = new JitterBuffer(48_000, ptimeMs, 20, 200, 64);
        Random random = new Random(ptimeMs);
        byte[] out = new byte[64];
        byte[] next = new byte[64];
        int packets = 2000 / ptimeMs; // two seconds
        long[] arrival = new long[packets];
        for (int i = 0; i < packets; i++) {
            // sent every ptime, delayed 0..ptime ms at random
            arrival[i] = i * ptimeMs * 1_000_000L + (long) (random.nextDouble() * ptimeMs * 1_000_000L);
        }
        int lostSeq = packets / 2;
        int expected = 0;
        int peekedAfterLoss = -1;
        long start = clock.nanoTime();
        int inserted = 0;
        for (long t = 0; t < (packets + 10L) * ptimeMs; t++) { // 1 ms steps
            long now = t * 1_000_000L;
            while (inserted < packets && arrival[inserted] <= now) {
                if (inserted != lostSeq) {
                    byte[] p = {(byte) inserted, (byte) (inserted >> 8)};
                    assertThat(jb.insert(inserted, (long) inserted * units, p, 0, 2, start + arrival[inserted]))
                            .isNull();
                }
                inserted++;
            }
            if (t % ptimeMs == 0) {
                int n = jb.poll(start + now, out);
                if (n >= 0) {
                    int seq = (out[0] & 0xFF) | ((out[1] & 0xFF) << 8);
                    assertThat(seq).isEqualTo(expected);
                    expected++;
                } else if (n == JitterBuffer.LOST && expected == lostSeq) {
                    // The first LOST may be an underrun (the packet after the loss not here yet:
                    // the caller conceals and the delay stretches); once it is here, the LOST
                    // that skips the missing packet lets the caller peek at it.
                    int m = jb.peekNext(next);
                    if (m == 2) {
                        peekedAfterLoss = (next[0] & 0xFF) | ((next[1] & 0xFF) << 8);
                        expected++;
                    }
                }
            }
        }
        assertThat(jb.lost()).isEqualTo(1);
        assertThat(peekedAfterLoss).as("FEC source after the loss").isEqualTo(lostSeq + 1);
        assertThat(expected).isEqualTo(packets);
        assertThat(jb.targetDelayMs()).isBetween((long) Math.min(20, ptimeMs), 200L);
    }
}
