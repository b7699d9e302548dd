package org.voxgate.lab.bench;

/**
 * Shared JMH settings. Benchmarks in this package annotate themselves with
 * {@code @Fork(BenchmarkDefaults.FORKS)}, {@code @Warmup(iterations = BenchmarkDefaults.WARMUP_ITERATIONS)}
 * and {@code @Measurement(iterations = BenchmarkDefaults.MEASUREMENT_ITERATIONS)} so every
 * table in docs/BENCHMARKS.md comes from the same protocol. Override on the command line with
 * {@code -f}, {@code -wi}, {@code -i} for quick runs.
 */
public final class BenchmarkDefaults {
    public static final int FORKS = 1;
    public static final int WARMUP_ITERATIONS = 3;
    public static final int WARMUP_SECONDS = 2;
    public static final int MEASUREMENT_ITERATIONS = 5;
    public static final int MEASUREMENT_SECONDS = 2;

    private BenchmarkDefaults() {}
}
