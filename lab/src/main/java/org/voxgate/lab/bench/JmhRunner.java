package org.voxgate.lab.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs JMH ({@code org.openjdk.jmh.Main}) in a child JVM on this JVM's class path, with
 * {@code -rf json} into a temporary file, and reads the result with {@link JmhResult#parse}.
 * JMH itself then forks once more ({@code -f 1}) per benchmark, as on the command line; the
 * child's output (JMH's log, including what the benchmarks print in their forks) is kept in
 * {@link Run#log()}.
 */
public final class JmhRunner {
    private JmhRunner() {}

    /**
     * What to run.
     *
     * @param includes          JMH include regexes (at least one)
     * @param params            {@code -p name=v1,v2} overrides; empty: the benchmarks' own {@code @Param}s
     * @param warmupIterations  {@code -wi}
     * @param warmupTime        {@code -w}, e.g. "2s", "200ms"
     * @param iterations        {@code -i}, at least 1
     * @param measurementTime   {@code -r}
     * @param jvmFlags          flags of the child JVM (before {@code -cp}); the benchmarks' own
     *                          {@code @Fork(jvmArgsAppend)} still apply to JMH's forks
     * @param profGc            add {@code -prof gc} (B/op in {@link JmhResult#allocBytesPerOp()})
     * @param cpu               pin the child (and so its forks) to this core with {@code taskset}; null: not pinned
     */
    public record Spec(List<String> includes, Map<String, String> params, int warmupIterations, String warmupTime,
                       int iterations, String measurementTime, List<String> jvmFlags, boolean profGc, Integer cpu) {
        public Spec {
            if (includes.isEmpty()) {
                throw new IllegalArgumentException("no benchmark regex");
            }
            if (iterations < 1 || warmupIterations < 0) {
                throw new IllegalArgumentException("iterations " + iterations + ", warm-up " + warmupIterations);
            }
            includes = List.copyOf(includes);
            params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
            jvmFlags = List.copyOf(jvmFlags);
        }

        /** @return the JMH arguments after {@code org.openjdk.jmh.Main}, without the result file */
        public List<String> jmhArguments() {
            List<String> a = new ArrayList<>(includes);
            params.forEach((k, v) -> a.addAll(List.of("-p", k + "=" + v)));
            a.addAll(List.of("-f", "1", "-wi", Integer.toString(warmupIterations), "-w", warmupTime,
                    "-i", Integer.toString(iterations), "-r", measurementTime));
            if (profGc) {
                a.addAll(List.of("-prof", "gc"));
            }
            return a;
        }

        /** @return the same run from a shell, for the report's text ({@code java -jar lab/target/benchmarks.jar ...}) */
        public String shellCommand() {
            StringBuilder b = new StringBuilder();
            if (cpu != null) {
                b.append("taskset -c ").append(cpu).append(' ');
            }
            b.append("java -jar lab/target/benchmarks.jar");
            for (String s : jmhArguments()) {
                b.append(' ').append(s.matches("[A-Za-z0-9_.=,/:@-]+") ? s : "'" + s + "'");
            }
            return b.toString();
        }
    }

    /**
     * @param results   one per benchmark method and parameter combination, in JMH's order
     * @param log       the child's standard output and error
     * @param loadStart load average ({@link LoadAverage#now()}) when it started
     * @param loadEnd   load average when it ended
     * @param seconds   wall-clock time of the whole child
     */
    public record Run(List<JmhResult> results, String log, String loadStart, String loadEnd, double seconds) {}

    /**
     * Starts the child JVM and waits for it.
     *
     * @throws IOException when JMH exits non-zero or writes no result (the message carries the
     *                     end of its log), or does not finish in {@code timeoutSeconds}
     */
    public static Run run(Spec spec, long timeoutSeconds) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("voxgate-jmh");
        Path json = dir.resolve("result.json");
        Path log = dir.resolve("jmh.log");
        List<String> cmd = new ArrayList<>(pinned(spec.cpu()));
        cmd.add(javaExecutable());
        cmd.addAll(spec.jvmFlags());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.openjdk.jmh.Main"));
        cmd.addAll(spec.jmhArguments());
        cmd.addAll(List.of("-rf", "json", "-rff", json.toString()));
        String loadStart = LoadAverage.now();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IOException("JMH did not finish in " + timeoutSeconds + " s: " + tail(log));
            }
        } finally {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String loadEnd = LoadAverage.now();
        String text = Files.readString(log);
        try {
            if (p.exitValue() != 0 || !Files.isRegularFile(json)) {
                throw new IOException("JMH exited " + p.exitValue() + ": " + tail(log));
            }
            List<JmhResult> results = JmhResult.parse(Files.readString(json));
            if (results.isEmpty()) {
                throw new IOException("JMH ran no benchmark for " + spec.includes() + ": " + tail(log));
            }
            return new Run(results, text, loadStart, loadEnd, seconds);
        } finally {
            Files.deleteIfExists(json);
            Files.deleteIfExists(log);
            Files.deleteIfExists(dir);
        }
    }

    /** @return {@code taskset -c N} when {@code cpu} is given and taskset is installed, else nothing */
    public static List<String> pinned(Integer cpu) {
        if (cpu == null || !Files.isExecutable(Path.of("/usr/bin/taskset"))) {
            return List.of();
        }
        return List.of("/usr/bin/taskset", "-c", Integer.toString(cpu));
    }

    /** @return this JVM's {@code java} */
    public static String javaExecutable() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private static String tail(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
