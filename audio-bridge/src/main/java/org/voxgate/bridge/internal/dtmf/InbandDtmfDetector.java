package org.voxgate.bridge.internal.dtmf;

import java.util.Objects;

/**
 * Detects ITU-T Q.23 DTMF digits in linear PCM and reports each key press once, when its tone
 * ends, with the measured tone duration.
 *
 * <p>Analysis: the signal is cut into quarters of a 13 ms window (26 samples at 8 kHz, scaled
 * for 16 and 48 kHz). For each quarter the complex correlation with the eight Q.23 frequencies
 * is computed (a Goertzel bank written as a direct DFT so the phase is available). Every
 * quarter, the last four quarters form a window; its decision is a digit when
 * <ol>
 *   <li>the strongest low-group and high-group tones are each above
 *       {@value #MIN_TONE_DBFS} dBFS,</li>
 *   <li>the twist stays within {@value #NORMAL_TWIST_DB} dB (high group louder) and
 *       {@value #REVERSE_TWIST_DB} dB (low group louder), plus
 *       {@value #TWIST_GATE_ALLOWANCE_DB} dB here because a tone off its nominal frequency
 *       loses level in its DFT bin,</li>
 *   <li>each tone is {@value #GROUP_DOMINANCE_DB} dB above the other tones of its group,</li>
 *   <li>the two tones carry at least {@value #MIN_TONE_ENERGY_RATIO} of the window's energy
 *       (talk-off: speech and music spread their energy over many frequencies).</li>
 * </ol>
 * Consecutive windows with the same digit form a tone; dropouts of up to {@value #MAX_GAP_WINDOWS}
 * windows are bridged. When the tone ends, its frequencies are measured from the phase advance
 * of the correlations between windows, and the digit is reported if both lie within
 * +-{@value #MAX_FREQUENCY_DEVIATION} of nominal, the twist of the tone's summed window
 * powers, corrected for the bin roll-off at the measured frequencies, is within the limits
 * above, and the tone lasted {@value #MIN_DURATION_MS} ms or more.
 *
 * <p>Allocation-free after construction. Not thread-safe: one detector per stream, fed from one
 * thread.
 */
public final class InbandDtmfDetector {

    /** Receives detected digits. */
    public interface DigitListener {
        /**
         * @param digit      one of {@code 0-9 * # A B C D}
         * @param durationMs measured tone duration, at least {@value #MIN_DURATION_MS}
         */
        void onDigit(char digit, int durationMs);
    }

    /** Q.23 low group (rows) then high group (columns), in Hz. */
    static final double[] FREQUENCIES_HZ = {697, 770, 852, 941, 1209, 1336, 1477, 1633};
    /** Digit at row r, column c is {@code KEYS.charAt(4 * r + c)}. */
    static final String KEYS = "123A456B789C*0#D";

    /** Analysis window length. */
    public static final int WINDOW_MS = 13;
    /** Weakest tone accepted, per frequency, as a sine's peak relative to 32768. */
    public static final double MIN_TONE_DBFS = -38;
    /** Largest accepted excess of the high group over the low group. */
    public static final double NORMAL_TWIST_DB = 4;
    /** Largest accepted excess of the low group over the high group. */
    public static final double REVERSE_TWIST_DB = 8;
    /**
     * Extra twist tolerated per window, before the frequencies are known: a tone 1.5% off
     * nominal loses up to 1.5 dB in its bin. The exact limits are applied when the tone ends.
     */
    public static final double TWIST_GATE_ALLOWANCE_DB = 3;
    /**
     * Talk-off by harmonics: a high tone within this share of twice the low tone is the low
     * tone's second harmonic (a voice or instrument, for example a sawtooth near 755 Hz looks
     * like 770 + 1477 Hz with its octave), not a key. Valid pairs are at least 1.2% away from
     * the ratio 2 even at Q.24's +-1.5% deviation (1477/770 = 1.918 and 1633/770 = 2.121).
     */
    public static final double OCTAVE_REJECT = 0.008;
    /** How far each tone must exceed the other frequencies of its group. */
    public static final double GROUP_DOMINANCE_DB = 8;
    /** Share of the window energy that the two tones must carry. */
    public static final double MIN_TONE_ENERGY_RATIO = 0.55;
    /** Accepted frequency deviation (Q.24: accept 1.5%, reject 3.5%). */
    public static final double MAX_FREQUENCY_DEVIATION = 0.025;
    /** Shortest accepted tone (Q.24: accept 40 ms, reject under 23 ms). */
    public static final int MIN_DURATION_MS = 32;
    /** Window decisions that may drop out inside one tone. */
    public static final int MAX_GAP_WINDOWS = 3;

    private static final int F = 8;
    private static final int HISTORY = 5; // windows kept for the lag-4 phase product

    private final int sampleRateHz;
    private final DigitListener listener;
    private final int quarterSamples;
    private final int windowSamples;
    private final float[] cosTable; // [f * quarterSamples + n]
    private final float[] sinTable;
    private final double[] rotRe = new double[4 * F]; // e^{-j w0 i Q}, i = 0..3
    private final double[] rotIm = new double[4 * F];
    private final double[] lag1Re = new double[F]; // e^{-j w0 Q}: absolute phase between windows
    private final double[] lag1Im = new double[F];
    private final double[] lag4Re = new double[F];
    private final double[] lag4Im = new double[F];
    private final double minTonePower;
    private final double normalTwist;
    private final double reverseTwist;
    private final double normalTwistGate;
    private final double reverseTwistGate;
    private final double dominance;

    // Current quarter being filled.
    private final float[] quarter;
    private int fill;
    // Last four quarters: correlations and energies, ring indexed by quarterCount % 4.
    private final double[] qRe = new double[4 * F];
    private final double[] qIm = new double[4 * F];
    private final double[] qEnergy = new double[4];
    private long quarterCount;
    // Last HISTORY windows: correlations and decisions, ring indexed by windowCount % HISTORY.
    private final double[] wRe = new double[HISTORY * F];
    private final double[] wIm = new double[HISTORY * F];
    private final int[] wDigit = new int[HISTORY];
    private long windowCount;

    // The tone being tracked.
    private int runDigit = -1;
    private int runWindows;
    private int gapWindows;
    private double runEnergy;
    private double runEnergyAtLastHit;
    private double runPeakPower;
    // Mean window energy of the tone's interior: hits after the first two and before the last two.
    private double interiorEnergy;
    private int interiorWindows;
    private final double[] lastHitEnergy = new double[2];
    // Summed window powers of the run's row and column tone, for the final twist check.
    private double rowPowerSum;
    private double colPowerSum;
    private final double[] acc1Re = new double[2];
    private final double[] acc1Im = new double[2];
    private final double[] acc4Re = new double[2];
    private final double[] acc4Im = new double[2];
    private int acc4Count;

    /**
     * @param sampleRateHz 8000, 16000 or 48000
     * @param listener     called on the thread that calls {@link #process}
     * @throws IllegalArgumentException on another rate
     */
    public InbandDtmfDetector(int sampleRateHz, DigitListener listener) {
        if (sampleRateHz != 8000 && sampleRateHz != 16000 && sampleRateHz != 48000) {
            throw new IllegalArgumentException("sample rate must be 8000, 16000 or 48000 Hz: " + sampleRateHz);
        }
        this.sampleRateHz = sampleRateHz;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.windowSamples = sampleRateHz * WINDOW_MS / 1000 / 4 * 4;
        this.quarterSamples = windowSamples / 4;
        this.quarter = new float[quarterSamples];
        this.cosTable = new float[F * quarterSamples];
        this.sinTable = new float[F * quarterSamples];
        for (int f = 0; f < F; f++) {
            double w = 2 * Math.PI * FREQUENCIES_HZ[f] / sampleRateHz;
            for (int n = 0; n < quarterSamples; n++) {
                cosTable[f * quarterSamples + n] = (float) Math.cos(w * n);
                sinTable[f * quarterSamples + n] = (float) Math.sin(w * n);
            }
            for (int i = 0; i < 4; i++) {
                rotRe[i * F + f] = Math.cos(w * i * quarterSamples);
                rotIm[i * F + f] = -Math.sin(w * i * quarterSamples);
            }
            lag1Re[f] = Math.cos(w * quarterSamples);
            lag1Im[f] = -Math.sin(w * quarterSamples);
            lag4Re[f] = Math.cos(w * windowSamples);
            lag4Im[f] = -Math.sin(w * windowSamples);
        }
        // A sine of peak A at the bin frequency gives |W| = A * N / 2.
        double minAmplitude = 32768 * Math.pow(10, MIN_TONE_DBFS / 20);
        this.minTonePower = Math.pow(minAmplitude * windowSamples / 2, 2);
        this.normalTwist = Math.pow(10, NORMAL_TWIST_DB / 10);
        this.reverseTwist = Math.pow(10, REVERSE_TWIST_DB / 10);
        this.normalTwistGate = Math.pow(10, (NORMAL_TWIST_DB + TWIST_GATE_ALLOWANCE_DB) / 10);
        this.reverseTwistGate = Math.pow(10, (REVERSE_TWIST_DB + TWIST_GATE_ALLOWANCE_DB) / 10);
        this.dominance = Math.pow(10, GROUP_DOMINANCE_DB / 10);
        java.util.Arrays.fill(wDigit, -1);
    }

    public int sampleRateHz() {
        return sampleRateHz;
    }

    /**
     * Feeds samples; digits whose tone ended inside them are reported before this returns.
     *
     * @throws IndexOutOfBoundsException if the range is outside {@code pcm}
     */
    public void process(short[] pcm, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, pcm.length);
        for (int i = 0; i < length; i++) {
            quarter[fill++] = pcm[offset + i];
            if (fill == quarterSamples) {
                fill = 0;
                analyseQuarter();
            }
        }
    }

    private void analyseQuarter() {
        int slot = (int) (quarterCount & 3);
        double energy = 0;
        for (int n = 0; n < quarterSamples; n++) {
            energy += quarter[n] * quarter[n];
        }
        qEnergy[slot] = energy;
        for (int f = 0; f < F; f++) {
            float re = 0;
            float im = 0;
            int base = f * quarterSamples;
            for (int n = 0; n < quarterSamples; n++) {
                re += quarter[n] * cosTable[base + n];
                im -= quarter[n] * sinTable[base + n];
            }
            qRe[slot * F + f] = re;
            qIm[slot * F + f] = im;
        }
        quarterCount++;
        if (quarterCount >= 4) {
            analyseWindow(energy);
        }
    }

    /** The window made of the last four quarters; {@code newestQuarterEnergy} is the last one's. */
    private void analyseWindow(double newestQuarterEnergy) {
        int wslot = (int) (windowCount % HISTORY);
        double windowEnergy = 0;
        for (int i = 0; i < 4; i++) {
            int q = (int) ((quarterCount - 4 + i) & 3);
            windowEnergy += qEnergy[q];
        }
        for (int f = 0; f < F; f++) {
            double re = 0;
            double im = 0;
            for (int i = 0; i < 4; i++) {
                int q = (int) ((quarterCount - 4 + i) & 3);
                double a = qRe[q * F + f];
                double b = qIm[q * F + f];
                re += a * rotRe[i * F + f] - b * rotIm[i * F + f];
                im += a * rotIm[i * F + f] + b * rotRe[i * F + f];
            }
            wRe[wslot * F + f] = re;
            wIm[wslot * F + f] = im;
        }
        int digit = decide(wslot, windowEnergy);
        wDigit[wslot] = digit;
        track(digit, wslot, windowEnergy, newestQuarterEnergy);
        windowCount++;
    }

    private double power(int wslot, int f) {
        double re = wRe[wslot * F + f];
        double im = wIm[wslot * F + f];
        return re * re + im * im;
    }

    private int decide(int wslot, double windowEnergy) {
        int row = strongest(wslot, 0);
        int col = strongest(wslot, 4);
        double rowPower = power(wslot, row);
        double colPower = power(wslot, col);
        if (rowPower < minTonePower || colPower < minTonePower) {
            return -1;
        }
        if (colPower > rowPower * normalTwistGate || rowPower > colPower * reverseTwistGate) {
            return -1;
        }
        for (int f = 0; f < 4; f++) {
            if (f != row && power(wslot, f) * dominance > rowPower) {
                return -1;
            }
            if (f + 4 != col && power(wslot, f + 4) * dominance > colPower) {
                return -1;
            }
        }
        // A tone's energy in the window is 2|W|^2 / N.
        double toneEnergy = 2 * (rowPower + colPower) / windowSamples;
        if (toneEnergy < MIN_TONE_ENERGY_RATIO * windowEnergy) {
            return -1;
        }
        return row * 4 + (col - 4);
    }

    private int strongest(int wslot, int from) {
        int best = from;
        for (int f = from + 1; f < from + 4; f++) {
            if (power(wslot, f) > power(wslot, best)) {
                best = f;
            }
        }
        return best;
    }

    private void track(int digit, int wslot, double windowEnergy, double newestQuarterEnergy) {
        if (runDigit >= 0) {
            if (digit == runDigit) {
                runWindows++;
                gapWindows = 0;
                runEnergy += newestQuarterEnergy;
                runEnergyAtLastHit = runEnergy;
                runPeakPower = Math.max(runPeakPower, windowEnergy / windowSamples);
                if (runWindows > 2) {
                    interiorEnergy += windowEnergy;
                    interiorWindows++;
                    lastHitEnergy[runWindows & 1] = windowEnergy;
                }
                addTonePowers(wslot);
                accumulatePhase(wslot);
                return;
            }
            if (digit < 0 && gapWindows < MAX_GAP_WINDOWS) {
                gapWindows++;
                runEnergy += newestQuarterEnergy;
                return;
            }
            finishRun();
        }
        if (digit >= 0) {
            runDigit = digit;
            runWindows = 1;
            gapWindows = 0;
            runEnergy = windowEnergy;
            runEnergyAtLastHit = windowEnergy;
            runPeakPower = windowEnergy / windowSamples;
            interiorEnergy = 0;
            interiorWindows = 0;
            rowPowerSum = 0;
            colPowerSum = 0;
            addTonePowers(wslot);
            for (int k = 0; k < 2; k++) {
                acc1Re[k] = 0;
                acc1Im[k] = 0;
                acc4Re[k] = 0;
                acc4Im[k] = 0;
            }
            acc4Count = 0;
        }
    }

    private void addTonePowers(int wslot) {
        rowPowerSum += power(wslot, runDigit / 4);
        colPowerSum += power(wslot, 4 + runDigit % 4);
    }

    /** Sums W(m) conj W(m-lag), in absolute phase, for the run's two frequencies. */
    private void accumulatePhase(int wslot) {
        int prev1 = (int) ((windowCount - 1) % HISTORY);
        int prev4 = (int) ((windowCount - 4) % HISTORY);
        boolean lag4 = windowCount >= 4 && wDigit[prev4] == runDigit;
        if (wDigit[prev1] != runDigit) {
            return;
        }
        for (int k = 0; k < 2; k++) {
            int f = k == 0 ? runDigit / 4 : 4 + runDigit % 4;
            addProduct(wslot, prev1, f, lag1Re[f], lag1Im[f], acc1Re, acc1Im, k);
            if (lag4) {
                addProduct(wslot, prev4, f, lag4Re[f], lag4Im[f], acc4Re, acc4Im, k);
            }
        }
        if (lag4) {
            acc4Count++;
        }
    }

    private void addProduct(int cur, int prev, int f, double rRe, double rIm, double[] accRe, double[] accIm, int k) {
        double aRe = wRe[cur * F + f];
        double aIm = wIm[cur * F + f];
        double bRe = wRe[prev * F + f];
        double bIm = -wIm[prev * F + f];
        double pRe = aRe * bRe - aIm * bIm;
        double pIm = aRe * bIm + aIm * bRe;
        accRe[k] += pRe * rRe - pIm * rIm;
        accIm[k] += pRe * rIm + pIm * rRe;
    }

    private void finishRun() {
        int digit = runDigit;
        runDigit = -1;
        if (runWindows < 4 || runPeakPower <= 0) {
            return;
        }
        // Tone power from full windows only: partial windows at either end would bias it low,
        // the maximum would bias it high (the two tones beat within a window).
        double tonePower = interiorWindows > 2
                ? (interiorEnergy - lastHitEnergy[0] - lastHitEnergy[1]) / (interiorWindows - 2) / windowSamples
                : runPeakPower;
        double durationSamples = runEnergyAtLastHit / tonePower;
        int durationMs = (int) Math.round(durationSamples * 1000 / sampleRateHz);
        if (durationMs < MIN_DURATION_MS) {
            return;
        }
        if (!frequencyWithinTolerance(0, digit / 4) || !frequencyWithinTolerance(1, 4 + digit % 4)) {
            return;
        }
        double rowHz = FREQUENCIES_HZ[digit / 4] + measuredOffsetHz(0);
        double colHz = FREQUENCIES_HZ[4 + digit % 4] + measuredOffsetHz(1);
        if (Math.abs(colHz / rowHz - 2) < 2 * OCTAVE_REJECT) {
            return;
        }
        // Twist at the true tone levels: undo each bin's roll-off at the measured offset.
        double row = rowPowerSum / binResponse(measuredOffsetHz(0));
        double col = colPowerSum / binResponse(measuredOffsetHz(1));
        if (col > row * normalTwist || row > col * reverseTwist) {
            return;
        }
        listener.onDigit(KEYS.charAt(digit), durationMs);
    }

    /** Offset of the tone from nominal, in Hz, from the phase advance between windows. */
    double measuredOffsetHz(int k) {
        double coarse = Math.atan2(acc1Im[k], acc1Re[k]) / (2 * Math.PI) * sampleRateHz / quarterSamples;
        if (acc4Count == 0) {
            return coarse;
        }
        double alias = (double) sampleRateHz / windowSamples;
        double fine = Math.atan2(acc4Im[k], acc4Re[k]) / (2 * Math.PI) * alias;
        return fine + Math.rint((coarse - fine) / alias) * alias;
    }

    /** Power response of a rectangular N-sample DFT bin to a tone offsetHz away, 1 at 0 Hz. */
    private double binResponse(double offsetHz) {
        double x = offsetHz * windowSamples / sampleRateHz;
        if (Math.abs(x) < 1e-9) {
            return 1;
        }
        double r = Math.sin(Math.PI * x) / (windowSamples * Math.sin(Math.PI * x / windowSamples));
        return r * r;
    }

    private boolean frequencyWithinTolerance(int k, int f) {
        if (acc1Re[k] == 0 && acc1Im[k] == 0) {
            return false;
        }
        return Math.abs(measuredOffsetHz(k)) <= MAX_FREQUENCY_DEVIATION * FREQUENCIES_HZ[f];
    }
}
