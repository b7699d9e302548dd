package org.voxgate.bridge.internal.dtmf;

import java.util.Arrays;

/** Builds test signals: Q.23 dual tones with chosen level, twist, frequency error and timing. */
final class DtmfSignal {
    private final int rateHz;
    private double[] buffer = new double[1024];
    private int length;
    private double lowDbfs = -10;
    private double highDbfs = -10;
    private double lowFactor = 1;
    private double highFactor = 1;

    DtmfSignal(int rateHz) {
        this.rateHz = rateHz;
    }

    /** Peak level of each tone, relative to 32768. */
    DtmfSignal levels(double lowDbfs, double highDbfs) {
        this.lowDbfs = lowDbfs;
        this.highDbfs = highDbfs;
        return this;
    }

    /** Relative frequency errors, e.g. 0.015 for +1.5%. */
    DtmfSignal deviation(double low, double high) {
        this.lowFactor = 1 + low;
        this.highFactor = 1 + high;
        return this;
    }

    DtmfSignal digit(char key, double ms) {
        int index = InbandDtmfDetector.KEYS.indexOf(key);
        if (index < 0) {
            throw new IllegalArgumentException("not a key: " + key);
        }
        double fLow = InbandDtmfDetector.FREQUENCIES_HZ[index / 4] * lowFactor;
        double fHigh = InbandDtmfDetector.FREQUENCIES_HZ[4 + index % 4] * highFactor;
        return tones(fLow, lowDbfs, fHigh, highDbfs, ms);
    }

    DtmfSignal tones(double f1, double dbfs1, double f2, double dbfs2, double ms) {
        int n = samples(ms);
        ensure(n);
        double a1 = 32768 * Math.pow(10, dbfs1 / 20);
        double a2 = 32768 * Math.pow(10, dbfs2 / 20);
        for (int i = 0; i < n; i++) {
            double t = (double) i / rateHz;
            buffer[length++] = a1 * Math.sin(2 * Math.PI * f1 * t) + a2 * Math.sin(2 * Math.PI * f2 * t + 1.0);
        }
        return this;
    }

    DtmfSignal silence(double ms) {
        int n = samples(ms);
        ensure(n);
        length += n;
        return this;
    }

    /** Adds Gaussian noise of the given RMS over everything so far. */
    DtmfSignal noise(double rms, long seed) {
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < length; i++) {
            buffer[i] += random.nextGaussian() * rms;
        }
        return this;
    }

    short[] pcm() {
        short[] out = new short[length];
        for (int i = 0; i < length; i++) {
            out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(buffer[i])));
        }
        return out;
    }

    private int samples(double ms) {
        return (int) Math.round(ms * rateHz / 1000);
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
