package org.voxgate.lab.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.voxgate.lab.bench.BenchmarkDefaults;
import org.voxgate.lab.bench.JmhResult;
import org.voxgate.lab.bench.JmhRunner;

/**
 * What the JMH sections ({@code srtp}, {@code mixer}, {@code jitter}, {@code codecs}) share:
 * the iteration settings ({@code jmh.wi}, {@code jmh.i}, {@code jmh.w}, {@code jmh.r}: full
 * runs use the lab defaults of {@link BenchmarkDefaults}, {@code --quick} one warm-up and one
 * measured iteration of 1 s), the text naming machine, command and load, and number formats.
 */
final class JmhSections {
    private JmhSections() {}

    /** A JMH child run can take this long before it is given up. */
    static final long TIMEOUT_SECONDS = 3 * 3600;

    static JmhRunner.Spec spec(ReportContext ctx, List<String> includes, Map<String, String> params,
                               List<String> jvmFlags, Integer cpu) {
        return new JmhRunner.Spec(includes, params,
                ctx.intSetting("jmh.wi", BenchmarkDefaults.WARMUP_ITERATIONS, 1),
                ctx.setting("jmh.w", BenchmarkDefaults.WARMUP_SECONDS + "s", "1s"),
                ctx.intSetting("jmh.i", BenchmarkDefaults.MEASUREMENT_ITERATIONS, 1),
                ctx.setting("jmh.r", BenchmarkDefaults.MEASUREMENT_SECONDS + "s", "1s"),
                jvmFlags, true, cpu);
    }

    /** The paragraph every JMH section starts with. */
    static String measuredLine(ReportContext ctx, String loadStart, String loadEnd) {
        StringBuilder b = new StringBuilder();
        b.append("Measured ").append(ctx.date()).append(" with `").append(ctx.command()).append("` on ")
                .append(ctx.machine()).append("; JMH in a child JVM, one fork, `-prof gc`. Load average (1/5/15 min) ")
                .append(loadStart).append(" at the start, ").append(loadEnd).append(" at the end.");
        double worst = Math.max(first(loadStart), first(loadEnd));
        int cores = Runtime.getRuntime().availableProcessors();
        if (ctx.quick()) {
            b.append(" **`--quick` run (one short iteration): rough figures.**");
        }
        if (worst > cores * 1.5) {
            b.append(String.format(Locale.ROOT, " **The load (%.1f on %d cores) means the benchmark shared its cores: "
                    + "rough figures, wide error bars.**", worst, cores));
        }
        return b.append("\n\n").toString();
    }

    static double first(String load) {
        try {
            return Double.parseDouble(load.split(" ")[0]);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** "1,332 ± 103" (or without the ± part when JMH gave no error) */
    static String withError(double score, double error, String format) {
        String s = String.format(Locale.ROOT, format, score);
        return Double.isNaN(error) ? s : s + " ± " + String.format(Locale.ROOT, format, error);
    }

    static String bytesPerOp(JmhResult r) {
        return Double.isNaN(r.allocBytesPerOp()) ? "n/a" : String.format(Locale.ROOT, "%.3f", r.allocBytesPerOp());
    }

    static String fmt(String format, double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, format, v);
    }

    static String fence(String command) {
        return "```sh\n" + command + "\n```\n";
    }
}
