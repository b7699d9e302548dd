package org.voxgate.bridge.internal.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.voxgate.bridge.internal.rtp.DropReason;
import org.voxgate.testing.FakeClock;

class JitterBufferTest {
    private final FakeClock clock = new FakeClock();
    private final JitterBuffer jb = new JitterBuffer(8000, 20, 20, 300, 160);
    private final byte[] out = new byte[160];

    private DropReason insert(int seq, long ts) {
        byte[] p = new byte[160];
        p[0] = (byte) seq;
        p[1] = (byte) (seq >> 8);
        return jb.insert(seq & 0xFFFF, ts & 0xFFFF_FFFFL, p, 0, p.length, clock.nanoTime());
    }

    /** Polls once; returns the sequence number carried in the payload, or LOST / EMPTY. */
    private int poll() {
        int n = jb.poll(clock.nanoTime(), out);
        return n >= 0 ? (out[0] & 0xFF) | ((out[1] & 0xFF) << 8) : n;
    }

    @Test
    void playsInOrderWithoutLossOnASteadyStream() {
        List<Integer> played = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            insert(i, i * 160L);
            int r = poll();
            if (r >= 0) {
                played.add(r);
            }
            clock.advanceMillis(20);
        }
        assertThat(played).hasSizeGreaterThan(95);
        for (int i = 1; i < played.size(); i++) {
            assertThat(played.get(i)).isEqualTo(played.get(i - 1) + 1);
        }
        assertThat(jb.lost()).isZero();
        assertThat(jb.targetDelayMs()).isEqualTo(20);
    }

    @Test
    void reordersDropsDuplicatesAndCountsLateAndLost() {
        insert(0, 0);
        insert(2, 320);
        insert(1, 160);
        assertThat(insert(1, 160)).isEqualTo(DropReason.DUPLICATE);
        clock.advanceMillis(20);
        assertThat(poll()).isEqualTo(0);
        assertThat(insert(0, 0)).isEqualTo(DropReason.DUPLICATE); // already played
        assertThat(poll()).isEqualTo(1);
        assertThat(poll()).isEqualTo(2);
        insert(4, 640);
        assertThat(poll()).isEqualTo(JitterBuffer.LOST); // 3 is missing, 4 is waiting
        assertThat(poll()).isEqualTo(4);
        assertThat(insert(3, 480)).isEqualTo(DropReason.LATE);
        assertThat(jb.lost()).isEqualTo(1);
        assertThat(jb.late()).isEqualTo(1);
        assertThat(jb.duplicates()).isEqualTo(2);
    }

    @Test
    void underrunStretchesInsteadOfSkipping() {
        insert(0, 0);
        clock.advanceMillis(20);
        assertThat(poll()).isEqualTo(0);
        assertThat(poll()).isEqualTo(JitterBuffer.LOST); // 1 not here yet: conceal, keep waiting
        insert(1, 160);
        assertThat(poll()).isEqualTo(1); // arrived late but still played
        assertThat(jb.lost()).isZero();
    }

    /**
     * A sender that stops its audio while it sends RFC 4733 events (which use sequence numbers
     * of the same stream but never reach this buffer) leaves a gap of missing numbers while the
     * buffer starves. The starved polls already concealed that time; when audio resumes the
     * buffer must not conceal the missing numbers a second time, or every keypress would add
     * its length to the play-out delay for good (it only shrinks one packet per 25 polls).
     */
    @Test
    void aSenderGapIsNotConcealedTwice() {
        int seq = 0;
        long ts = 0;
        // steady stream: insert then poll in the same 20 ms slot
        for (; seq < 50; seq++, ts += 160) {
            insert(seq, ts);
            poll();
            clock.advanceMillis(20);
        }
        long levelBefore = jb.level();
        // 8 packets' worth of DTMF events: sequence numbers 50..57 go elsewhere, no audio arrives
        for (int i = 0; i < 8; i++) {
            assertThat(poll()).isEqualTo(JitterBuffer.LOST);
            clock.advanceMillis(20);
        }
        seq += 8;
        ts += 8 * 160;
        List<Integer> played = new ArrayList<>();
        for (int i = 0; i < 30; i++, seq++, ts += 160) {
            insert(seq, ts);
            played.add(poll());
            clock.advanceMillis(20);
        }
        assertThat(played.get(0)).as("the first packet after the gap plays at once").isEqualTo(58);
        assertThat(played).doesNotContain(JitterBuffer.LOST);
        assertThat(jb.level()).isEqualTo(levelBefore);
    }

    /**
     * RFC 4733 section 2.5.1.4: the end packet of an event is sent three times, each with a new
     * sequence number. A key held for 5 packet times (as the lab's callers and many phones do,
     * with no audio meanwhile) therefore uses 7 sequence numbers in 5 packet times. The buffer
     * must skip by media time, not by the number of starved polls, or each key adds 2 packets
     * (40 ms) to the play-out delay, which the shrink takes 2 x 25 polls to remove. Sender and
     * play-out clocks are 10 ms apart and the buffer holds {@code extra} packets besides.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} packets buffered")
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 2})
    void keypressesWithTripledEndPacketsAddNoDelay(int extra) {
        int seq = 0;
        long ts = 0;
        java.util.Map<Integer, Long> sentAt = new java.util.HashMap<>();
        List<Long> delaysMs = new ArrayList<>();
        long nowMs = 0;
        int keys = 5;
        int slots = 60 + keys * 10 + 60;
        long shrinksBefore = 0;
        for (int slot = 0; slot < slots; slot++, nowMs += 20, ts += 160) {
            int inKeys = slot - 60;
            if (inKeys == 0) {
                shrinksBefore = jb.shrinks();
            }
            boolean event = inKeys >= 0 && inKeys < keys * 10 && inKeys % 10 < 5;
            if (event) {
                seq += inKeys % 10 == 4 ? 3 : 1; // sent elsewhere (telephone-event), end packet x3
            } else if (slot >= extra) {
                sentAt.put(seq, nowMs);
                insert(seq, ts);
                seq++;
            } else {
                sentAt.put(seq, nowMs); // the first packets arrive before play-out starts polling
                insert(seq, ts);
                seq++;
                clock.advanceMillis(20);
                continue;
            }
            clock.advanceMillis(10);
            int got = poll();
            if (got >= 0) {
                delaysMs.add(nowMs + 10 - sentAt.get(got));
            }
            clock.advanceMillis(10);
        }
        long before = delaysMs.get(40);
        long after = delaysMs.get(delaysMs.size() - 1);
        System.out.printf("%d extra: delay before the keys %d ms, after %d keys %d ms, shrinks %d%n", extra, before,
                keys, after, jb.shrinks());
        assertThat(after).as("play-out delay after %d keys, ms", keys).isEqualTo(before);
        assertThat(jb.shrinks()).as("nothing to shrink after the keys").isEqualTo(shrinksBefore);
    }

    @Test
    void lossesDuringAStarvedGapAreNotConcealedTwice() {
        insert(0, 0);
        clock.advanceMillis(20);
        assertThat(poll()).isEqualTo(0);
        assertThat(poll()).isEqualTo(JitterBuffer.LOST); // starving: 1 is late (it is lost in fact)
        assertThat(poll()).isEqualTo(JitterBuffer.LOST); // and 2
        insert(3, 480);
        assertThat(poll()).as("1 and 2 were concealed while starving; 3 is due").isEqualTo(3);
        assertThat(jb.lost()).isEqualTo(2);
    }

    @Test
    void afterOneStarvedPollALossIsStillReportedForFec() {
        insert(0, 0);
        clock.advanceMillis(20);
        assertThat(poll()).isEqualTo(0);
        assertThat(poll()).isEqualTo(JitterBuffer.LOST); // one late packet: stretch
        insert(2, 320);
        assertThat(poll()).as("1 is lost; 2 is here to rebuild it from").isEqualTo(JitterBuffer.LOST);
        assertThat(jb.peekNext(out)).isPositive();
        assertThat(poll()).isEqualTo(2);
    }

    @Test
    void handlesSequenceAndTimestampWrap() {
        List<Integer> played = new ArrayList<>();
        int seq = 65530;
        long ts = 0xFFFF_FF00L;
        for (int i = 0; i < 20; i++) {
            insert(seq + i, ts + 160L * i);
            clock.advanceMillis(20);
            int r = poll();
            if (r >= 0) {
                played.add(r);
            }
        }
        assertThat(played).startsWith(65530, 65531, 65532, 65533, 65534, 65535, 0, 1, 2);
        assertThat(jb.lost()).isZero();
        assertThat(jb.late()).isZero();
    }

    @Test
    void growsUnderJitterAndShrinksBackWhenItCalms() {
        Random random = new Random(42);
        record Arrival(long atMs, int seq) {
        }
        PriorityQueue<Arrival> network = new PriorityQueue<>((x, y) -> Long.compare(x.atMs, y.atMs));
        long start = clock.nanoTime() / 1_000_000;
        int sent = 0;
        long lostBefore = 0;
        long maxTarget = 0;
        for (long t = 0; t < 14_000; t += 5) {
            if (t % 20 == 0) {
                // first 6 s: up to 120 ms of random delay; afterwards a clean network
                long delay = t < 6000 ? random.nextInt(120) : 2;
                network.add(new Arrival(t + delay, sent++));
            }
            while (!network.isEmpty() && network.peek().atMs <= t) {
                int s = network.poll().seq;
                insert(s, s * 160L);
            }
            if (t % 20 == 10) {
                poll();
            }
            if (t == 6000) {
                maxTarget = jb.targetDelayMs();
                lostBefore = jb.lost() + jb.late();
            }
            clock.advanceMillis(5);
        }
        assertThat(start).isPositive();
        assertThat(maxTarget).as("target under jitter").isGreaterThanOrEqualTo(80);
        assertThat(jb.targetDelayMs()).as("target after calm").isLessThanOrEqualTo(30);
        assertThat(jb.shrinks()).isPositive();
        assertThat(jb.level()).isLessThanOrEqualTo(4);
        assertThat(lostBefore).as("losses while jittery, once grown").isLessThan(60);
    }

    @Test
    void rebuffersAfterAnIdleGapAndKeepsPlayingTheSameStream() {
        for (int i = 0; i < 5; i++) {
            insert(i, 160L * i);
            clock.advanceMillis(20);
            poll();
        }
        for (int i = 0; i < JitterBuffer.MAX_UNDERRUNS + 2; i++) { // silence suppression: nothing arrives
            clock.advanceMillis(20);
            poll();
        }
        assertThat(poll()).isEqualTo(JitterBuffer.EMPTY);
        assertThat(insert(2, 160L * 2)).isEqualTo(DropReason.LATE); // a straggler of the old talkspurt
        assertThat(insert(5, 160L * 400)).isNull(); // talkspurt resumes: next sequence number, later timestamp
        clock.advanceMillis(20);
        assertThat(poll()).isEqualTo(5);
        assertThat(jb.duplicates()).isZero();
    }

    @Test
    void restartsOnAHugeSequenceJump() {
        insert(100, 0);
        clock.advanceMillis(20);
        assertThat(poll()).isEqualTo(100);
        assertThat(insert(30_000, 999_999)).isNull();
        clock.advanceMillis(40);
        assertThat(poll()).isEqualTo(30_000);
    }

    @Test
    void emptyUntilSomethingArrives() {
        assertThat(poll()).isEqualTo(JitterBuffer.EMPTY);
        assertThat(insert(1, 0)).isNull();
        assertThat(jb.insert(2, 160, new byte[200], 0, 200, clock.nanoTime())).isEqualTo(DropReason.TOO_LARGE);
    }
}
