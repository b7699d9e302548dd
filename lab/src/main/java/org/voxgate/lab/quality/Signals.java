package org.voxgate.lab.quality;

/** The test signals of a quality run, 8 kHz 16-bit PCM. */
public final class Signals {
    public static final int RATE_HZ = 8000;
    /** ITU-T O.41/G.712 test tone for G.711 channels (not a submultiple of 8 kHz, so codes vary). */
    public static final double TEST_TONE_HZ = 1004;
    private static final double[] LOW = {697, 770, 852, 941};
    private static final double[] HIGH = {1209, 1336, 1477, 1633};
    private static final String KEYS = "123A456B789C*0#D";

    private Signals() {}

    /** Peak amplitude of a sine at {@code dbfs} (0 dBFS = full-scale peak). */
    public static double amplitude(double dbfs) {
        return 32767 * Math.pow(10, dbfs / 20);
    }

    /** Sample {@code n} of a sine of {@code hz} at {@code dbfs}, phase 0 at n = 0. */
    public static short sine(double hz, double dbfs, long n) {
        return (short) Math.round(amplitude(dbfs) * Math.sin(2 * Math.PI * hz * n / RATE_HZ));
    }

    /**
     * A linear chirp from {@code fromHz} to {@code toHz} over {@code samples}, at {@code dbfs},
     * with 5 ms raised-cosine edges.
     */
    public static short[] chirp(double fromHz, double toHz, int samples, double dbfs) {
        short[] out = new short[samples];
        double amp = amplitude(dbfs);
        double seconds = (double) samples / RATE_HZ;
        int edge = Math.min(samples / 2, RATE_HZ / 200);
        for (int n = 0; n < samples; n++) {
            double t = (double) n / RATE_HZ;
            double phase = 2 * Math.PI * (fromHz * t + (toHz - fromHz) * t * t / (2 * seconds));
            double w = 1;
            if (n < edge) {
                w = 0.5 - 0.5 * Math.cos(Math.PI * n / edge);
            } else if (n >= samples - edge) {
                w = 0.5 - 0.5 * Math.cos(Math.PI * (samples - 1 - n) / edge);
            }
            out[n] = (short) Math.round(amp * w * Math.sin(phase));
        }
        return out;
    }

    /** A DTMF key (ITU-T Q.23): both frequencies at {@code dbfsPerTone}, sample {@code n}. */
    public static short dtmf(char key, double dbfsPerTone, long n) {
        int k = KEYS.indexOf(key);
        if (k < 0) {
            throw new IllegalArgumentException("not a DTMF key: " + key);
        }
        double amp = amplitude(dbfsPerTone);
        double v = amp * (Math.sin(2 * Math.PI * LOW[k / 4] * n / RATE_HZ)
                + Math.sin(2 * Math.PI * HIGH[k % 4] * n / RATE_HZ));
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }
}
