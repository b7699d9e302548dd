package org.voxgate.lab.quality;

/**
 * Measures a received sine: least-squares fits of the fundamental and its harmonics give the
 * SNR (fundamental power over the rest, in dB, as IEEE 1057 defines SINAD), the THD (power of
 * harmonics 2 to 5 below Nyquist over the fundamental's) and the level; 20 ms frames that are
 * missing or 10 dB below the fitted level count as gaps.
 *
 * <p>The whole-window SNR fits one sine: a jitter buffer that drops or inserts a packet shifts the
 * phase of everything after it, and that SNR collapses although every frame sounds right. So
 * each 20 ms frame is also fitted on its own (amplitude and phase), and the segmental SNR is the
 * mean of those frame SNRs, each clipped to [-10, 45] dB (the usual segmental-SNR practice); a
 * frame under 20 dB by its own fit is a bad frame.
 */
public final class ToneMeasure {
    private ToneMeasure() {}

    /**
     * @param snrDb           fundamental over everything else, one fit over the window
     * @param segmentalSnrDb  mean of the frames' own-fit SNRs, each clipped to [-10, 45] dB
     * @param thdPercent      sqrt(sum of harmonic powers / fundamental power) * 100
     * @param levelDbfs       RMS of the fitted fundamental against full scale
     * @param gapPercent      share of 20 ms frames missing or 10 dB low
     * @param longestGapMs    longest run of such frames
     * @param badFramePercent frames whose own-fit SNR is below 20 dB (gaps included)
     */
    public record Result(double snrDb, double segmentalSnrDb, double thdPercent, double levelDbfs, double gapPercent, double longestGapMs,
                         double badFramePercent) {}

    /** Fits {@code a sin + b cos} of {@code hz} to x[from, to); returns {a, b}. */
    static double[] fit(short[] x, int from, int to, double hz) {
        double ss = 0, sc = 0, cc = 0, xs = 0, xc = 0;
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * hz * i / Signals.RATE_HZ;
            double s = Math.sin(w), c = Math.cos(w);
            ss += s * s;
            sc += s * c;
            cc += c * c;
            xs += x[i] * s;
            xc += x[i] * c;
        }
        double det = ss * cc - sc * sc;
        return new double[] {(xs * cc - xc * sc) / det, (xc * ss - xs * sc) / det};
    }

    /**
     * Measures x[from, to) (frame-aligned to {@code frameOrigin} for the gap count) against a
     * tone of {@code hz}; {@code covered} says which frames of the timeline were received.
     */
    public static Result measure(short[] x, int from, int to, double hz, java.util.function.IntPredicate covered) {
        if (from < 0 || to > x.length || to - from < 2 * Recording.FRAME) {
            throw new IllegalArgumentException("window outside the recording or under 40 ms");
        }
        double[] f = fit(x, from, to, hz);
        double fundamental = (f[0] * f[0] + f[1] * f[1]) / 2;
        double total = 0;
        for (int i = from; i < to; i++) {
            total += (double) x[i] * x[i];
        }
        total /= to - from;
        double harmonics = 0;
        for (int h = 2; h <= 5 && h * hz < Signals.RATE_HZ / 2.0; h++) {
            double[] fh = fit(x, from, to, h * hz);
            harmonics += (fh[0] * fh[0] + fh[1] * fh[1]) / 2;
        }
        double noise = Math.max(total - fundamental, 1e-9);
        double snr = 10 * Math.log10(Math.max(fundamental, 1e-9) / noise);
        double thd = 100 * Math.sqrt(harmonics / Math.max(fundamental, 1e-9));
        double level = 10 * Math.log10(Math.max(fundamental, 1e-9) / (32767.0 * 32767.0));
        // frames
        int frames = 0, gaps = 0, bad = 0, run = 0, longest = 0;
        double segmental = 0;
        for (int s = (from + Recording.FRAME - 1) / Recording.FRAME * Recording.FRAME; s + Recording.FRAME <= to;
             s += Recording.FRAME) {
            frames++;
            double[] lf = fit(x, s, s + Recording.FRAME, hz);
            double localPower = (lf[0] * lf[0] + lf[1] * lf[1]) / 2;
            double e = 0, r = 0;
            for (int i = s; i < s + Recording.FRAME; i++) {
                double w = 2 * Math.PI * hz * i / Signals.RATE_HZ;
                double fitted = lf[0] * Math.sin(w) + lf[1] * Math.cos(w);
                e += (double) x[i] * x[i];
                r += (x[i] - fitted) * (x[i] - fitted);
            }
            boolean gap = !covered.test(s / Recording.FRAME) || e / Recording.FRAME < fundamental / 10;
            double frameSnr = gap ? -10 : 10 * Math.log10(Math.max(localPower, 1e-9) * Recording.FRAME / Math.max(r, 1e-9));
            segmental += Math.max(-10, Math.min(45, frameSnr));
            boolean low = gap || frameSnr < 20;
            gaps += gap ? 1 : 0;
            bad += low ? 1 : 0;
            run = gap ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return new Result(snr, frames == 0 ? Double.NaN : segmental / frames, thd, level, frames == 0 ? 0 : 100.0 * gaps / frames, longest * 20.0,
                frames == 0 ? 0 : 100.0 * bad / frames);
    }
}
