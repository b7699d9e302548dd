package org.voxgate.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LegReceiveStatsTest {
    private static final long FRAME_NANOS = 20_000_000L;

    private static void packet(LegReceiveStats s, int seq, long ts, long ssrc, byte[] payload, long arrivalNanos) {
        s.onPacket(seq & 0xFFFF, ts, ssrc, 0, payload, 0, payload.length, arrivalNanos);
    }

    @Test
    void countsLossAcrossTheSequenceWrap() {
        LegReceiveStats s = new LegReceiveStats();
        byte[] silence = RtpToneSource.silence();
        int seq = 65_530;
        for (int i = 0; i < 20; i++) {
            if (i == 3 || i == 8 || i == 9) {
                continue; // lost: one before the wrap, two after
            }
            packet(s, seq + i, 1000L + 160L * i, 7, silence, i * FRAME_NANOS);
        }
        LegReceiveStats.Result r = s.snapshot();
        assertThat(r.expected()).isEqualTo(20);
        assertThat(r.received()).isEqualTo(17);
        assertThat(r.lost()).isEqualTo(3);
        assertThat(r.lossRatio()).isEqualTo(0.15);
        assertThat(r.jitterMs()).isLessThan(0.01); // perfectly paced
    }

    @Test
    void aNewSsrcStartsANewCountAndKeepsTheOld() {
        LegReceiveStats s = new LegReceiveStats();
        byte[] silence = RtpToneSource.silence();
        for (int i = 0; i < 10; i += 2) { // every other packet: 5 of 9 expected
            packet(s, 100 + i, 160L * i, 1, silence, i * FRAME_NANOS);
        }
        for (int i = 0; i < 5; i++) {
            packet(s, 40_000 + i, 999_999L + 160L * i, 2, silence, (20 + i) * FRAME_NANOS);
        }
        LegReceiveStats.Result r = s.snapshot();
        assertThat(r.expected()).isEqualTo(9 + 5);
        assertThat(r.lost()).isEqualTo(4);
    }

    @Test
    void jitterFollowsRfc3550ForAlternatingDelay() {
        LegReceiveStats s = new LegReceiveStats();
        byte[] silence = RtpToneSource.silence();
        for (int i = 0; i < 400; i++) {
            long delayNanos = (i % 2) * 10_000_000L; // 0 or 10 ms late: |D| = 80 samples each time
            packet(s, i, 160L * i, 3, silence, i * FRAME_NANOS + delayNanos);
        }
        // J converges to |D| = 80 samples = 10 ms
        assertThat(s.snapshot().jitterMs()).isBetween(9.5, 10.01);
        assertThat(s.snapshot().maxJitterMs()).isGreaterThanOrEqualTo(s.snapshot().jitterMs());
    }

    @Test
    void findsTheTalkersToneButNotSilenceOrOtherTones() {
        LegReceiveStats s = new LegReceiveStats();
        packet(s, 1, 0, 9, RtpToneSource.tone(), 0);
        packet(s, 2, 160, 9, RtpToneSource.silence(), FRAME_NANOS);
        byte[] other = new byte[160];
        for (int i = 0; i < 160; i++) {
            other[i] = org.voxgate.bridge.internal.codec.G711.PCMU.encode(
                    (short) Math.round(8000 * Math.sin(2 * Math.PI * 400 * i / 8000.0)));
        }
        packet(s, 3, 320, 9, other, 2 * FRAME_NANOS);
        assertThat(s.snapshot().audioFrames()).isEqualTo(3);
        assertThat(s.snapshot().toneFrames()).isEqualTo(1);
    }

    @Test
    void jitterAtTheOpusClockIsStillInMilliseconds() {
        LegReceiveStats s = new LegReceiveStats();
        try (LabOpus.Decoder d = new LabOpus.Decoder()) {
            s.answer(LoadCodec.OPUS, 111, d);
            byte[] silence = RtpToneSource.of(LoadCodec.OPUS).silence(0);
            long base = 123_456_789_012_345L; // a large monotonic clock must not overflow the 48 kHz units
            for (int i = 0; i < 400; i++) {
                long delayNanos = (i % 2) * 10_000_000L; // |D| = 480 units at 48 kHz each time
                s.onPacket(i, 960L * i, 3, 111, silence, 0, silence.length, base + i * FRAME_NANOS + delayNanos);
            }
        }
        assertThat(s.snapshot().jitterMs()).isBetween(9.5, 10.01);
        assertThat(s.snapshot().lost()).isZero();
    }
}
