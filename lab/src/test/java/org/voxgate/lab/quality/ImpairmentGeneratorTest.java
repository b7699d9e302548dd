package org.voxgate.lab.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ImpairmentGeneratorTest {
    private static final int N = 200_000;
    private static final long SLOT = 20_000;

    private static boolean[] trace(Impairment imp, long seed) {
        ImpairmentGenerator g = new ImpairmentGenerator(imp, seed, SLOT);
        boolean[] lost = new boolean[N];
        for (int i = 0; i < N; i++) {
            lost[i] = g.next() == ImpairmentGenerator.DROP;
        }
        return lost;
    }

    private static double rate(boolean[] lost) {
        int n = 0;
        for (boolean l : lost) {
            n += l ? 1 : 0;
        }
        return (double) n / lost.length;
    }

    private static double meanRun(boolean[] lost) {
        int losses = 0;
        int runs = 0;
        for (int i = 0; i < lost.length; i++) {
            if (lost[i]) {
                losses++;
                if (i == 0 || !lost[i - 1]) {
                    runs++;
                }
            }
        }
        return (double) losses / runs;
    }

    @Test
    void randomLossHasTheRateAndNoBursts() {
        for (double p : new double[] {1, 5, 20}) {
            boolean[] lost = trace(Impairment.loss(p), 42);
            assertThat(rate(lost)).as("loss %s%%", p).isCloseTo(p / 100, within(p / 100 * 0.05));
            // runs of independent losses have mean length 1 / (1 - p)
            assertThat(meanRun(lost)).isCloseTo(1 / (1 - p / 100), within(0.05));
            assertThat(EModel.burstRatio(lost)).isCloseTo(1.0, within(0.05));
        }
    }

    @Test
    void gilbertElliottHasTheRateAndTheMeanBurst() {
        for (double burst : new double[] {2, 3, 5}) {
            boolean[] lost = trace(Impairment.burst(5, burst), 7);
            assertThat(rate(lost)).as("burst %s", burst).isCloseTo(0.05, within(0.005));
            assertThat(meanRun(lost)).as("burst %s", burst).isCloseTo(burst, within(burst * 0.08));
            assertThat(EModel.burstRatio(lost)).isCloseTo(burst * 0.95, within(burst * 0.1));
        }
    }

    @Test
    void theSameSeedGivesTheSameTraceAndAnotherSeedAnother() {
        assertThat(trace(Impairment.burst(10, 3), 99)).isEqualTo(trace(Impairment.burst(10, 3), 99));
        assertThat(trace(Impairment.burst(10, 3), 99)).isNotEqualTo(trace(Impairment.burst(10, 3), 100));
    }

    @Test
    void jitterDelaysUniformlyAndReorderHoldsPacketsBehindTheNext() {
        ImpairmentGenerator j = new ImpairmentGenerator(Impairment.jitter(30), 3, SLOT);
        long max = 0;
        double sum = 0;
        for (int i = 0; i < N; i++) {
            long d = j.next();
            assertThat(d).isBetween(0L, 30_000L);
            max = Math.max(max, d);
            sum += d;
        }
        assertThat(sum / N).isCloseTo(15_000, within(300.0));
        assertThat(max).isGreaterThan(29_000);

        ImpairmentGenerator r = new ImpairmentGenerator(Impairment.reorder(10), 3, SLOT);
        int held = 0;
        for (int i = 0; i < N; i++) {
            long d = r.next();
            assertThat(d).isIn(0L, SLOT + 1000);
            held += d > 0 ? 1 : 0;
        }
        assertThat((double) held / N).isCloseTo(0.10, within(0.005));
        assertThat(new ImpairmentGenerator(Impairment.NONE, 1, SLOT).next()).isZero();
    }

    @Test
    void parsesAndLabels() {
        assertThat(Impairment.parse("burst:5:3")).isEqualTo(Impairment.burst(5, 3));
        assertThat(Impairment.parse("burst:5:3").label()).isEqualTo("burst 5% x3");
        assertThat(Impairment.parse("loss:2.5").label()).isEqualTo("loss 2.5%");
        assertThat(Impairment.parse("jitter:30").label()).isEqualTo("jitter 30 ms");
        assertThat(Impairment.parse("none").label()).isEqualTo("none");
    }
}
