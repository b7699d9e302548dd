package org.voxgate.lab.quality;

/**
 * Delay between a known probe signal and a recording by cross-correlation: the lag {@code d}
 * in samples that maximizes the normalized correlation
 * {@code sum x[i] y[i + d] / sqrt(sum x[i]^2 sum y[i + d]^2)} over a lag range. A chirp or an MLS
 * probe has a sharp autocorrelation peak, so the lag is found to the sample.
 */
public final class DelayEstimator {
    private DelayEstimator() {}

    /**
     * The best lag, its normalized correlation in [-1, 1], and the second-best peak more than
     * {@code guardSamples} away (how unambiguous the answer is).
     */
    public record Estimate(int lagSamples, double correlation, double secondPeak) {
        /** True when the peak is clear: correlation at least {@code min} and above the runner-up. */
        public boolean clear(double min) {
            return correlation >= min && correlation > secondPeak;
        }
    }

    /**
     * Finds the lag of {@code x[xFrom, xFrom + length)} in {@code y}: the probe's sample i is
     * compared with {@code y[yFrom + i + d]} for every d in [minLag, maxLag]. Samples of y outside
     * the array count as 0.
     *
     * @throws IllegalArgumentException when length &lt; 1, minLag &gt; maxLag or the probe is
     *                                  outside x
     */
    public static Estimate estimate(short[] x, int xFrom, int length, short[] y, int yFrom, int minLag, int maxLag) {
        if (length < 1 || minLag > maxLag || xFrom < 0 || xFrom + length > x.length) {
            throw new IllegalArgumentException("length >= 1, minLag <= maxLag, probe inside x");
        }
        double ex = 0;
        for (int i = 0; i < length; i++) {
            ex += (double) x[xFrom + i] * x[xFrom + i];
        }
        double[] score = new double[maxLag - minLag + 1];
        for (int d = minLag; d <= maxLag; d++) {
            double xy = 0;
            double ey = 0;
            int base = yFrom + d;
            int from = Math.max(0, -base);
            int to = Math.min(length, y.length - base);
            for (int i = from; i < to; i++) {
                double v = y[base + i];
                xy += x[xFrom + i] * v;
                ey += v * v;
            }
            score[d - minLag] = ex == 0 || ey == 0 ? 0 : xy / Math.sqrt(ex * ey);
        }
        int best = 0;
        for (int i = 1; i < score.length; i++) {
            if (score[i] > score[best]) {
                best = i;
            }
        }
        int guard = Math.max(8, length / 20);
        double second = -1;
        for (int i = 0; i < score.length; i++) {
            if (Math.abs(i - best) > guard && score[i] > second) {
                second = score[i];
            }
        }
        return new Estimate(best + minLag, score[best], second);
    }
}
