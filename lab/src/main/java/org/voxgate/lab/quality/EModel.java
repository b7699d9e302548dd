package org.voxgate.lab.quality;

/**
 * The ITU-T G.107 E-model (transmission rating R and the estimated MOS), section 3 of the
 * recommendation: {@code R = Ro - Is - Id - Ie,eff + A}. Every input is a field of this record;
 * {@link #defaults()} holds the defaults of G.107 Table 3, with which R is 93.2.
 *
 * <p>Mean one-way delay {@code T}, absolute delay {@code Ta} and round-trip delay {@code Tr} are
 * in ms. The STMR &lt; 9 dB correction of Idte (G.107 3.5 note) is not modelled: the defaults and
 * every use here have STMR = 15 dB.
 *
 * @param slr   send loudness rating, dB (8)
 * @param rlr   receive loudness rating, dB (2)
 * @param stmr  sidetone masking rating, dB (15)
 * @param lstr  listener sidetone rating, dB (18)
 * @param ds    D-value of the telephone, send side (3)
 * @param dr    D-value of the telephone, receive side (3)
 * @param telr  talker echo loudness rating, dB (65)
 * @param wepl  weighted echo path loss, dB (110)
 * @param tMs   mean one-way delay of the echo path, ms (0)
 * @param trMs  round-trip delay in a 4-wire loop, ms (0)
 * @param taMs  absolute delay in echo-free connections, ms (0)
 * @param qdu   number of quantization distortion units (1)
 * @param ie    equipment impairment factor of the codec (0)
 * @param bpl   packet-loss robustness factor of the codec (G.107 default 4.3; G.113 Appendix I)
 * @param ppl   random packet-loss probability, percent (0)
 * @param burstR burst ratio, 1 for random loss (G.107 3.6)
 * @param nc    circuit noise referred to the 0 dBr point, dBm0p (-70)
 * @param nfor  noise floor at the receive side, dBmp (-64)
 * @param ps    room noise at the send side, dB(A) (35)
 * @param pr    room noise at the receive side, dB(A) (35)
 * @param a     advantage factor (0)
 */
public record EModel(double slr, double rlr, double stmr, double lstr, double ds, double dr, double telr, double wepl,
                     double tMs, double trMs, double taMs, double qdu, double ie, double bpl, double ppl,
                     double burstR, double nc, double nfor, double ps, double pr, double a) {

    /** G.711 without packet-loss concealment (G.113 Appendix I): Ie 0, Bpl 4.3. */
    public static final double G711_BPL_NO_PLC = 4.3;
    /** G.711 with the packet-loss concealment of G.711 Appendix I (G.113 Appendix I): Bpl 25.1. */
    public static final double G711_BPL_PLC = 25.1;

    public EModel {
        if (ppl < 0 || ppl > 100 || burstR <= 0 || bpl <= 0 || qdu < 1 || tMs < 0 || trMs < 0 || taMs < 0) {
            throw new IllegalArgumentException("0 <= Ppl <= 100, BurstR > 0, Bpl > 0, qdu >= 1, delays >= 0");
        }
    }

    /** The default values of G.107 Table 3. */
    public static EModel defaults() {
        return new EModel(8, 2, 15, 18, 3, 3, 65, 110, 0, 0, 0, 1, 0, 4.3, 0, 1, -70, -64, 35, 35, 0);
    }

    /**
     * A VoIP connection with default terminals: mean one-way mouth-to-ear delay {@code oneWayMs}
     * (T = Ta = oneWayMs, Tr = 2 T), the codec's {@code ie} and {@code bpl}, and packet loss
     * {@code ppl} percent with {@code burstR}.
     */
    public static EModel voip(double oneWayMs, double ie, double bpl, double ppl, double burstR) {
        EModel d = defaults();
        return new EModel(d.slr, d.rlr, d.stmr, d.lstr, d.ds, d.dr, d.telr, d.wepl, oneWayMs, 2 * oneWayMs, oneWayMs,
                d.qdu, ie, bpl, ppl, burstR, d.nc, d.nfor, d.ps, d.pr, d.a);
    }

    // ---------------------------------------------------------------- G.107 3.3: Ro

    /** Total noise power No, dBm0p (G.107 3.3, formulas 3-3 to 3-7). */
    double noNoise() {
        double olr = slr + rlr;
        double nos = ps - slr - ds - 100 + 0.004 * sq(ps - olr - ds - 14);
        double pre = pr + 10 * Math.log10(1 + Math.pow(10, (10 - lstr) / 10));
        double nor = rlr - 121 + pre + 0.008 * sq(pre - 35);
        double nfo = nfor + rlr;
        return 10 * Math.log10(Math.pow(10, nc / 10) + Math.pow(10, nos / 10) + Math.pow(10, nor / 10)
                + Math.pow(10, nfo / 10));
    }

    /** Basic signal-to-noise ratio Ro (formula 3-2). */
    public double ro() {
        return 15 - 1.5 * (slr + noNoise());
    }

    // ---------------------------------------------------------------- 3.4: Is

    /** Simultaneous impairment factor Is = Iolr + Ist + Iq (formulas 3-8 to 3-17). */
    public double is() {
        double no = noNoise();
        double xolr = slr + rlr + 0.2 * (64 + no - rlr);
        double iolr = 20 * (Math.pow(1 + Math.pow(xolr / 8, 8), 1.0 / 8) - xolr / 8);
        double stmro = -10 * Math.log10(Math.pow(10, -stmr / 10) + Math.exp(-tMs / 4) * Math.pow(10, -telr / 10));
        double ist = 12 * Math.pow(1 + Math.pow((stmro - 13) / 6, 8), 1.0 / 8)
                - 28 * Math.pow(1 + Math.pow((stmro + 1) / 19.4, 35), 1.0 / 35)
                - 13 * Math.pow(1 + Math.pow((stmro - 3) / 33, 13), 1.0 / 13) + 29;
        double q = 37 - 15 * Math.log10(qdu);
        double g = 1.07 + 0.258 * q + 0.0602 * q * q;
        double z = 46.0 / 30 - g / 40;
        double y = (ro() - 100) / 15 + 46 / 8.4 - g / 9;
        double iq = 15 * Math.log10(1 + Math.pow(10, y) + Math.pow(10, z));
        return iolr + ist + iq;
    }

    // ---------------------------------------------------------------- 3.5: Id

    /** Delay impairment factor Id = Idte + Idle + Idd (formulas 3-18 to 3-29). */
    public double id() {
        double no = noNoise();
        double r0 = ro();
        double roe = -1.5 * (no - rlr);
        double terv = telr - 40 * Math.log10((1 + tMs / 10) / (1 + tMs / 150)) + 6 * Math.exp(-0.3 * tMs * tMs);
        double re = 80 + 2.5 * (terv - 14);
        double idte = ((roe - re) / 2 + Math.sqrt(sq(roe - re) / 4 + 100) - 1) * (1 - Math.exp(-tMs));
        double rle = 10.5 * (wepl + 7) * Math.pow(trMs + 1, -0.25);
        double idle = (r0 - rle) / 2 + Math.sqrt(sq(r0 - rle) / 4 + 169);
        double idd = 0;
        if (taMs > 100) {
            double x = Math.log10(taMs / 100) / Math.log10(2);
            idd = 25 * (Math.pow(1 + Math.pow(x, 6), 1.0 / 6) - 3 * Math.pow(1 + Math.pow(x / 3, 6), 1.0 / 6) + 2);
        }
        return idte + idle + idd;
    }

    // ---------------------------------------------------------------- 3.6: Ie,eff

    /** Effective equipment impairment factor Ie,eff = Ie + (95 - Ie) Ppl / (Ppl / BurstR + Bpl) (3-30). */
    public double ieEff() {
        return ie + (95 - ie) * ppl / (ppl / burstR + bpl);
    }

    /** The rating factor R (formula 3-1). */
    public double r() {
        return ro() - is() - id() - ieEff() + a;
    }

    /** MOS estimated from this model's R (G.107 Annex B, formula B-4). */
    public double mos() {
        return mosOf(r());
    }

    /**
     * G.107 Annex B: MOS = 1 for R &lt; 0, 4.5 for R &gt; 100, else 1 + 0.035 R + R (R - 60)(100 - R) 7e-6.
     * The cubic dips just under 1 (to 0.99) for R between 0 and about 6.5; the result is held at
     * 1, the bottom of the MOS scale.
     */
    public static double mosOf(double r) {
        if (r < 0) {
            return 1;
        }
        if (r > 100) {
            return 4.5;
        }
        return Math.max(1, 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6);
    }

    /**
     * The burst ratio of G.107 3.6 from a loss trace: the mean length of the observed loss runs
     * over the mean expected under random loss of the same rate, {@code 1 / (1 - Ppl)}. 1 when
     * nothing was lost.
     */
    public static double burstRatio(boolean[] lost) {
        int losses = 0;
        int runs = 0;
        boolean prev = false;
        for (boolean l : lost) {
            if (l) {
                losses++;
                if (!prev) {
                    runs++;
                }
            }
            prev = l;
        }
        if (losses == 0 || losses == lost.length) {
            return 1;
        }
        double meanRun = (double) losses / runs;
        double p = (double) losses / lost.length;
        return meanRun * (1 - p);
    }

    private static double sq(double v) {
        return v * v;
    }
}
