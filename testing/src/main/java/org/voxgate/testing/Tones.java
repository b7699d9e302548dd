package org.voxgate.testing;

/** Test signals at 8 kHz: sine tones, DTMF digits, and level/SNR measurement. */
public final class Tones {
    private static final double[] LOW = {697, 770, 852, 941};
    private static final double[] HIGH = {1209, 1336, 1477, 1633};
    private static final String KEYS = "123A456B789C*0#D";

    private Tones() {}

    /** A sine of {@code hz} at {@code dbfs} (0 = full scale peak) for {@code ms}. */
    public static short[] sine(double hz, double dbfs, int ms, int rateHz) {
        int n = ms * rateHz / 1000;
        double amp = 32767 * Math.pow(10, dbfs / 20);
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = (short) Math.round(amp * Math.sin(2 * Math.PI * hz * i / rateHz));
        }
        return out;
    }

    /** A DTMF digit: both frequencies, each at {@code dbfsPerTone}, for {@code ms} at 8 kHz. */
    public static short[] dtmf(char digit, double dbfsPerTone, int ms) {
        int k = KEYS.indexOf(digit);
        if (k < 0) {
            throw new IllegalArgumentException("not a DTMF digit: " + digit);
        }
        short[] lo = sine(LOW[k / 4], dbfsPerTone, ms, 8000);
        short[] hi = sine(HIGH[k % 4], dbfsPerTone, ms, 8000);
        short[] out = new short[lo.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, lo[i] + hi[i]));
        }
        return out;
    }

    /** Digits as tones of {@code toneMs} separated by {@code gapMs} of silence, at 8 kHz. */
    public static short[] dtmfSequence(String digits, int toneMs, int gapMs) {
        int per = (toneMs + gapMs) * 8;
        short[] out = new short[per * digits.length()];
        for (int d = 0; d < digits.length(); d++) {
            short[] tone = dtmf(digits.charAt(d), -10, toneMs);
            System.arraycopy(tone, 0, out, d * per, tone.length);
        }
        return out;
    }

    /**
     * The least-squares fit of a sine of {@code hz} to {@code x[from, to)}: the sine and cosine
     * coefficients {a, b}, so the fit is {@code a sin(wt) + b cos(wt)}.
     */
    public static double[] fitSine(short[] x, int from, int to, double hz, int rateHz) {
        double ss = 0, sc = 0, cc = 0, xs = 0, xc = 0;
        for (int i = from; i < to; i++) {
            double s = Math.sin(2 * Math.PI * hz * i / rateHz);
            double c = Math.cos(2 * Math.PI * hz * i / rateHz);
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
     * Signal-to-noise ratio in dB of {@code x} against a best-fit sine of {@code hz}
     * (amplitude and phase fitted by least squares): the power of the fit over the power of
     * what remains.
     */
    public static double snrDb(short[] x, int from, int to, double hz, int rateHz) {
        double[] ab = fitSine(x, from, to, hz, rateHz);
        double signal = 0, noise = 0;
        for (int i = from; i < to; i++) {
            double fit = ab[0] * Math.sin(2 * Math.PI * hz * i / rateHz) + ab[1] * Math.cos(2 * Math.PI * hz * i / rateHz);
            signal += fit * fit;
            double r = x[i] - fit;
            noise += r * r;
        }
        return 10 * Math.log10(signal / Math.max(noise, 1e-9));
    }

    /** RMS level in dBFS of the best-fit sine of {@code hz} in {@code x[from, to)}. */
    public static double toneLevelDbfs(short[] x, int from, int to, double hz, int rateHz) {
        double[] ab = fitSine(x, from, to, hz, rateHz);
        double rms = Math.sqrt((ab[0] * ab[0] + ab[1] * ab[1]) / 2);
        return 20 * Math.log10(Math.max(rms, 1e-6) / 32767);
    }

    /** RMS level in dBFS (full-scale sine = -3 dBFS RMS... measured against 32767). */
    public static double rmsDbfs(short[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        double rms = Math.sqrt(sum / Math.max(1, to - from));
        return 20 * Math.log10(Math.max(rms, 1e-9) / 32767.0);
    }
}
