package org.voxgate.lab.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.voxgate.lab.g711.MuLawCodec;

class ToneMeasureTest {
    private static final int N = 16_000;

    private static short[] tone(double harmonic2Ratio, double noiseRms, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double a = Signals.amplitude(-13);
        short[] x = new short[N];
        for (int i = 0; i < N; i++) {
            double w = 2 * Math.PI * Signals.TEST_TONE_HZ * i / 8000;
            x[i] = (short) Math.round(a * Math.sin(w) + a * harmonic2Ratio * Math.sin(2 * w + 0.3) + noiseRms * r.nextGaussian());
        }
        return x;
    }

    @Test
    void measuresSnrThdAndLevelOfAKnownSignal() {
        double a = Signals.amplitude(-13);
        // noise 40 dB below the tone's power
        double noise = a / Math.sqrt(2) / 100;
        ToneMeasure.Result r = ToneMeasure.measure(tone(0.01, noise, 1), 0, N, Signals.TEST_TONE_HZ, f -> true);
        assertThat(r.thdPercent()).isCloseTo(1.0, within(0.05));
        // SNR counts harmonics as noise too: 40 dB noise and a -40 dB harmonic give 37 dB
        assertThat(r.snrDb()).isCloseTo(37.0, within(0.3));
        assertThat(r.levelDbfs()).isCloseTo(-16.0, within(0.05)); // RMS of a -13 dBFS peak sine
        assertThat(r.gapPercent()).isZero();
        assertThat(r.badFramePercent()).isZero();
    }

    @Test
    void muLawQuantizationOfTheTestToneGivesTheG711Snr() {
        short[] x = tone(0, 0, 1);
        for (int i = 0; i < N; i++) {
            x[i] = MuLawCodec.decode(MuLawCodec.encode(x[i]));
        }
        // mu-law keeps roughly 35 to 39 dB SNR over its range (ITU-T G.712 asks at least 35 dB at -10 dBm0)
        assertThat(ToneMeasure.measure(x, 0, N, Signals.TEST_TONE_HZ, f -> true).snrDb()).isBetween(35.0, 40.0);
    }

    @Test
    void missingFramesAreGapsWithTheirLongestRun() {
        short[] x = tone(0, 0, 1);
        java.util.Set<Integer> lost = java.util.Set.of(10, 11, 12, 40);
        for (int f : lost) {
            java.util.Arrays.fill(x, f * 160, f * 160 + 160, (short) 0);
        }
        ToneMeasure.Result r = ToneMeasure.measure(x, 0, N, Signals.TEST_TONE_HZ, f -> !lost.contains(f));
        assertThat(r.gapPercent()).isCloseTo(4.0, within(1e-9)); // 4 of 100 frames
        assertThat(r.badFramePercent()).isCloseTo(4.0, within(1e-9));
        assertThat(r.longestGapMs()).isEqualTo(60.0);
        assertThat(r.snrDb()).isLessThan(20);
        assertThat(r.segmentalSnrDb()).isCloseTo(0.96 * 45 - 0.04 * 10, within(0.01)); // clean frames clip at 45
    }

    @Test
    void aDroppedPacketShiftsThePhaseThatTheWholeWindowFitMissesButFramesDoNot() {
        short[] x = tone(0, Signals.amplitude(-13) / Math.sqrt(2) / 1000, 2);
        // what a jitter buffer does when it drops one packet to shrink its delay: 160 samples cut
        short[] cut = new short[N - 160];
        System.arraycopy(x, 0, cut, 0, 8000);
        System.arraycopy(x, 8160, cut, 8000, N - 8160);
        ToneMeasure.Result r = ToneMeasure.measure(cut, 0, cut.length, Signals.TEST_TONE_HZ, f -> true);
        assertThat(r.snrDb()).isLessThan(15); // a 29 degree phase step: one sine cannot fit both halves
        assertThat(r.segmentalSnrDb()).isGreaterThan(40);
        assertThat(r.badFramePercent()).isLessThanOrEqualTo(1.1); // at most the frame with the splice
        assertThat(r.gapPercent()).isZero();
    }

    @Test
    void muLawCodecRoundTripsItsOwnCodesAndKeepsSigns() {
        for (int c = 0; c < 256; c++) {
            byte code = (byte) c;
            short v = MuLawCodec.decode(code);
            assertThat(MuLawCodec.decode(MuLawCodec.encode(v))).isEqualTo(v);
        }
        assertThat(MuLawCodec.decode(MuLawCodec.encode((short) 1000))).isBetween((short) 960, (short) 1040);
        assertThat(MuLawCodec.decode(MuLawCodec.encode((short) -1000))).isBetween((short) -1040, (short) -960);
        assertThat(MuLawCodec.encode((short) 0)).isEqualTo((byte) 0xFF); // G.711: positive zero is 0xFF
    }
}
