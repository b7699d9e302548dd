package org.voxgate.bridge.internal.bridge;

/** Joint least-squares fit of several sines (amplitude and phase each) to a recording. */
final class ToneFit {
    private ToneFit() {}

    record Result(double[] amplitudes, double residualPower) {
    }

    static Result fit(short[] x, int rateHz, double[] hz) {
        int k = 2 * hz.length;
        double[][] a = new double[k][k + 1];
        double[] basis = new double[k];
        for (int n = 0; n < x.length; n++) {
            for (int j = 0; j < hz.length; j++) {
                double w = 2 * Math.PI * hz[j] * n / rateHz;
                basis[2 * j] = Math.sin(w);
                basis[2 * j + 1] = Math.cos(w);
            }
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    a[r][c] += basis[r] * basis[c];
                }
                a[r][k] += basis[r] * x[n];
            }
        }
        double[] coef = solve(a);
        double residual = 0;
        for (int n = 0; n < x.length; n++) {
            double fit = 0;
            for (int j = 0; j < hz.length; j++) {
                double w = 2 * Math.PI * hz[j] * n / rateHz;
                fit += coef[2 * j] * Math.sin(w) + coef[2 * j + 1] * Math.cos(w);
            }
            double e = x[n] - fit;
            residual += e * e;
        }
        double[] amps = new double[hz.length];
        for (int j = 0; j < hz.length; j++) {
            amps[j] = Math.hypot(coef[2 * j], coef[2 * j + 1]);
        }
        return new Result(amps, residual / Math.max(1, x.length));
    }

    /** Gauss-Jordan elimination with partial pivoting on an augmented matrix. */
    private static double[] solve(double[][] a) {
        int k = a.length;
        for (int col = 0; col < k; col++) {
            int pivot = col;
            for (int r = col + 1; r < k; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = 0; r < k; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c <= k; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] x = new double[k];
        for (int r = 0; r < k; r++) {
            x[r] = a[r][k] / a[r][r];
        }
        return x;
    }
}
