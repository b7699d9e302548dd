package org.voxgate.bridge.internal.codec;

/**
 * State of one G.722 sub-band ADPCM coder (ITU-T G.722 section 3.6, blocks 4L/4H): the
 * adaptive predictor with a two-pole and a six-zero section and the log-domain quantizer
 * scale. Encoder and decoder run the same state machine on the same quantized difference, so
 * they stay in step. Values are 16-bit fixed point as in the recommendation.
 */
final class G722Band {
    /** ILB: 2^(i/32) scaled by 2048, the antilog table of SCALEL/SCALEH. */
    private static final int[] ANTILOG = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008,
    };

    /** Predictor output: signal estimate s = sp + sz. */
    int estimate;
    /** Zero-section output sz. */
    int zeroEstimate;
    /** Log scale factor (NBL / NBH). */
    int logScale;
    /** Linear scale factor (DETL / DETH). */
    int scale;

    /** Pole coefficients a1, a2 (index 1, 2). */
    private final int[] pole = new int[3];
    /** Zero coefficients b1..b6. */
    private final int[] zero = new int[7];
    /** Quantized differences d(n-1)..d(n-6) (index 1..6). */
    private final int[] diff = new int[7];
    /** Reconstructed signals r(n-1), r(n-2). */
    private final int[] recon = new int[3];
    /** Partially reconstructed signals p(n-1), p(n-2). */
    private final int[] partial = new int[3];

    private final int initialScale;

    G722Band(int initialScale) {
        this.initialScale = initialScale;
        reset();
    }

    void reset() {
        java.util.Arrays.fill(pole, 0);
        java.util.Arrays.fill(zero, 0);
        java.util.Arrays.fill(diff, 0);
        java.util.Arrays.fill(recon, 0);
        java.util.Arrays.fill(partial, 0);
        estimate = 0;
        zeroEstimate = 0;
        logScale = 0;
        scale = initialScale;
    }

    void copyFrom(G722Band o) {
        System.arraycopy(o.pole, 0, pole, 0, 3);
        System.arraycopy(o.zero, 0, zero, 0, 7);
        System.arraycopy(o.diff, 0, diff, 0, 7);
        System.arraycopy(o.recon, 0, recon, 0, 3);
        System.arraycopy(o.partial, 0, partial, 0, 3);
        estimate = o.estimate;
        zeroEstimate = o.zeroEstimate;
        logScale = o.logScale;
        scale = o.scale;
    }

    /**
     * LOGSCL + SCALEL (or LOGSCH + SCALEH): leaks the log scale, adds the step of the
     * quantized level, limits it and converts it back to the linear scale.
     *
     * @param step     W(I) of the code just quantized
     * @param maxLog   18432 for the lower band, 22528 for the higher
     * @param shiftRef 8 for the lower band, 10 for the higher
     */
    void adaptScale(int step, int maxLog, int shiftRef) {
        int nb = ((logScale * 127) >> 7) + step;
        logScale = nb < 0 ? 0 : Math.min(nb, maxLog);
        int mantissa = ANTILOG[(logScale >> 6) & 31];
        int shift = shiftRef - (logScale >> 11);
        int linear = shift < 0 ? mantissa << -shift : mantissa >> shift;
        scale = linear << 2;
    }

    /**
     * Block 4: reconstructs, adapts the pole and zero sections with the sign algorithm and
     * computes the next estimate.
     *
     * @param d quantized difference signal of this sample
     */
    void predict(int d) {
        // RECONS and PARREC
        int r = sat(estimate + d);
        int p = sat(zeroEstimate + d);

        // UPPOL2: a2 follows the signs of p(n), p(n-1), p(n-2)
        int sg0 = p >> 15;
        int sg1 = partial[1] >> 15;
        int sg2 = partial[2] >> 15;
        int wd1 = sat(pole[1] << 2);
        int wd2 = sg0 == sg1 ? -wd1 : wd1;
        if (wd2 > 32767) {
            wd2 = 32767;
        }
        int a2 = (wd2 >> 7) + (sg0 == sg2 ? 128 : -128) + ((pole[2] * 32512) >> 15);
        a2 = Math.max(-12288, Math.min(12288, a2));

        // UPPOL1: a1, limited by 1 - 2^-4 - a2 for stability
        int a1 = sat((sg0 == sg1 ? 192 : -192) + ((pole[1] * 32640) >> 15));
        int limit = sat(15360 - a2);
        a1 = Math.max(-limit, Math.min(limit, a1));

        // UPZERO: b_i leak and step towards sign(d) * sign(d_i)
        int step = d == 0 ? 0 : 128;
        int sgd = d >> 15;
        for (int i = 1; i <= 6; i++) {
            int w = (diff[i] >> 15) == sgd ? step : -step;
            zero[i] = sat(w + ((zero[i] * 32640) >> 15));
        }

        // DELAYA
        for (int i = 6; i > 1; i--) {
            diff[i] = diff[i - 1];
        }
        diff[1] = d;
        recon[2] = recon[1];
        recon[1] = r;
        partial[2] = partial[1];
        partial[1] = p;
        pole[1] = a1;
        pole[2] = a2;

        // FILTEP: pole section on the reconstructed signal
        int sp = sat(((pole[1] * sat(recon[1] + recon[1])) >> 15) + ((pole[2] * sat(recon[2] + recon[2])) >> 15));
        // FILTEZ: zero section on the past differences
        int sz = 0;
        for (int i = 6; i >= 1; i--) {
            sz += (zero[i] * sat(diff[i] + diff[i])) >> 15;
        }
        zeroEstimate = sat(sz);
        // PREDIC
        estimate = sat(sp + zeroEstimate);
    }

    static int sat(int v) {
        return v > 32767 ? 32767 : (v < -32768 ? -32768 : v);
    }
}
