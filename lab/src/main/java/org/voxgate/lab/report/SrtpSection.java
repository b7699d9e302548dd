package org.voxgate.lab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.voxgate.lab.bench.JmhResult;
import org.voxgate.lab.bench.JmhRunner;
import org.voxgate.lab.bench.LoadAverage;
import org.voxgate.lab.node.ChildNode;

/**
 * "SRTP": what {@code lab/scripts/srtp-bench-interleaved.sh} does, case by case (profile and
 * payload): Voxgate's {@code SrtpBenchmark} and jitsi-srtp's {@code JitsiSrtpBenchmark} in the
 * same JMH settings (alternating order from round to round), then Debian's libsrtp through
 * {@code lab/src/main/c/srtp_bench.c} compiled here, all pinned to one core; then thread CPU time
 * per packet through {@code SrtpCpuTime} in its own JVMs. The references are jitsi-srtp and
 * libsrtp measured back to back with Voxgate.
 */
final class SrtpSection implements ReportSection {
    static final List<String> PROFILES = List.of("AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM");
    static final List<Integer> PAYLOADS = List.of(160, 1000);
    static final List<String> OPS = List.of("protect", "roundTrip");
    private static final Pattern FAST = Pattern.compile("voxgate hmacFastPath=([a-z]+) gcmFastPath=([a-z]+)");
    private static final Pattern JITSI = Pattern.compile("Will employ AES implemented by ([A-Za-z]+) for ([A-Z/a-z]+)");

    @Override
    public String name() {
        return "srtp";
    }

    @Override
    public String description() {
        return "JMH Voxgate vs jitsi-srtp, libsrtp harness, CM-80/GCM-128 at 160/1000 B, thread CPU time per packet";
    }

    @Override
    public String before() {
        return "## Codecs";
    }

    /** One profile and payload in one round: the three implementations back to back. */
    record Case(int round, String profile, int payload, String load, Map<String, JmhResult> voxgate,
                Map<String, JmhResult> jitsi, Map<String, Double> libsrtp, String fastPaths, String jitsiBackends) {}

    /** A libsrtp harness, or why there is none. */
    record Libsrtp(Path binary, String version, String missing) {}

    @Override
    public SectionResult run(ReportContext ctx) throws Exception {
        int rounds = ctx.intSetting("srtp.rounds", 1, 1);
        String cpuSetting = ctx.setting("srtp.cpu", "0", "0");
        Integer cpu;
        try {
            cpu = cpuSetting.equals("none") ? null : Integer.valueOf(cpuSetting.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--set srtp.cpu=" + cpuSetting + ": a core number or none");
        }
        int libsrtpSeconds = ctx.intSetting("srtp.libsrtp-seconds", 4, 1);
        boolean cpuTime = ctx.intSetting("srtp.cputime", 1, 1) != 0;
        String loadStart = LoadAverage.now();
        Libsrtp lib = libsrtp(Path.of(ctx.setting("srtp.c-source", "lab/src/main/c/srtp_bench.c",
                "lab/src/main/c/srtp_bench.c")));
        ctx.say(name(), "load average " + loadStart + "; libsrtp: " + (lib.missing() == null ? lib.version() : lib.missing()));
        List<Case> cases = new ArrayList<>();
        JmhRunner.Spec example = null;
        try {
            for (int r = 1; r <= rounds; r++) {
                for (int payload : PAYLOADS) {
                    for (String profile : PROFILES) {
                        String load = LoadAverage.now();
                        Map<String, String> params = new LinkedHashMap<>();
                        params.put("profile", profile);
                        params.put("payload", Integer.toString(payload));
                        JmhRunner.Spec vox = JmhSections.spec(ctx, List.of("org.voxgate.lab.srtp.SrtpBenchmark\\."), params,
                                ChildNode.LAUNCHER_JVM_FLAGS, cpu);
                        JmhRunner.Spec jit = JmhSections.spec(ctx, List.of("org.voxgate.lab.srtp.JitsiSrtpBenchmark\\."),
                                params, List.of(), cpu);
                        example = vox;
                        ctx.say(name(), "round " + r + " " + profile + " " + payload + " B, load average " + load);
                        JmhRunner.Run v;
                        JmhRunner.Run j;
                        if (r % 2 == 1) {
                            v = JmhRunner.run(vox, JmhSections.TIMEOUT_SECONDS);
                            j = JmhRunner.run(jit, JmhSections.TIMEOUT_SECONDS);
                        } else {
                            j = JmhRunner.run(jit, JmhSections.TIMEOUT_SECONDS);
                            v = JmhRunner.run(vox, JmhSections.TIMEOUT_SECONDS);
                        }
                        Map<String, Double> l = lib.missing() == null ? runLibsrtp(lib.binary(), cpu, libsrtpSeconds, profile, payload)
                                : Map.of();
                        cases.add(new Case(r, profile, payload, load, byOp(v.results()), byOp(j.results()), l,
                                matches(FAST, v.log(), "hmac=%s gcm=%s"), matches(JITSI, j.log(), "%s for %s")));
                    }
                }
            }
        } finally {
            if (lib.binary() != null) {
                Files.deleteIfExists(lib.binary());
                Files.deleteIfExists(lib.binary().getParent());
            }
        }
        List<String[]> cpuRows = new ArrayList<>();
        String cpuLoadStart = LoadAverage.now();
        if (cpuTime) {
            for (int payload : PAYLOADS) {
                for (String profile : PROFILES) {
                    for (String op : OPS) {
                        ctx.say(name(), "thread CPU time " + profile + " " + payload + " B " + op);
                        double v = cpuTimeNs("voxgate", profile, payload, op, cpu);
                        double j = cpuTimeNs("jitsi", profile, payload, op, cpu);
                        cpuRows.add(new String[] {caseName(profile, payload, op), JmhSections.fmt("%,.0f", v),
                                JmhSections.fmt("%,.0f", j), JmhSections.fmt("%.2f", j / v)});
                    }
                }
            }
        }
        String loadEnd = LoadAverage.now();
        ctx.say(name(), "done, load average " + loadEnd);
        return new SectionResult(markdown(ctx, cases, lib, example, cpu, libsrtpSeconds, cpuRows, cpuLoadStart,
                loadStart, loadEnd), true);
    }

    static Map<String, JmhResult> byOp(List<JmhResult> results) {
        Map<String, JmhResult> m = new LinkedHashMap<>();
        results.forEach(r -> m.put(r.method(), r));
        return m;
    }

    /** The distinct matches of {@code p} in {@code log}, each formatted with its groups, comma-separated. */
    static String matches(Pattern p, String log, String format) {
        TreeSet<String> seen = new TreeSet<>();
        Matcher m = p.matcher(log);
        while (m.find()) {
            Object[] groups = new Object[m.groupCount()];
            for (int i = 0; i < groups.length; i++) {
                groups[i] = m.group(i + 1);
            }
            seen.add(String.format(Locale.ROOT, format, groups));
        }
        return seen.isEmpty() ? "not logged" : String.join(", ", seen);
    }

    static String caseName(String profile, int payload, String op) {
        return (profile.startsWith("AES_CM") ? "CM-80" : "GCM-128") + ", " + payload + " B, " + op;
    }

    static Libsrtp libsrtp(Path source) {
        if (!Files.isRegularFile(source)) {
            return new Libsrtp(null, null, "no " + source + " (run from the repository root, or --set srtp.c-source=PATH)");
        }
        try {
            String flags = exec(List.of("pkg-config", "--cflags", "--libs", "libsrtp2"), 30).trim();
            Path dir = Files.createTempDirectory("voxgate-srtp-bench");
            Path bin = dir.resolve("srtp_bench");
            List<String> cc = new ArrayList<>(List.of("cc", "-O2", "-o", bin.toString(), source.toString()));
            cc.addAll(List.of(flags.split("\\s+")));
            exec(cc, 120);
            String version;
            try {
                version = "libsrtp " + exec(List.of("dpkg-query", "-W", "-f=${Version}", "libsrtp2-1"), 30).trim();
            } catch (IOException e) {
                version = "libsrtp (version unknown)";
            }
            return new Libsrtp(bin, version, null);
        } catch (IOException e) {
            return new Libsrtp(null, null, "libsrtp harness not built (needs cc, pkg-config and libsrtp2-dev): "
                    + e.getMessage().lines().findFirst().orElse(""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Libsrtp(null, null, "interrupted");
        }
    }

    /** Runs the harness for one case; output lines "profile payload op packets/s". */
    static Map<String, Double> runLibsrtp(Path bin, Integer cpu, int seconds, String profile, int payload)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(JmhRunner.pinned(cpu));
        cmd.addAll(List.of(bin.toString(), Integer.toString(seconds), profile, Integer.toString(payload)));
        Map<String, Double> m = new LinkedHashMap<>();
        for (String line : exec(cmd, 60L + 4L * seconds).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 4 && f[0].equals(profile)) {
                m.put(f[2], Double.parseDouble(f[3]));
            }
        }
        return m;
    }

    static double cpuTimeNs(String impl, String profile, int payload, String op, Integer cpu)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(JmhRunner.pinned(cpu));
        cmd.add(JmhRunner.javaExecutable());
        cmd.addAll(ChildNode.LAUNCHER_JVM_FLAGS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.voxgate.lab.srtp.SrtpCpuTime", impl,
                profile, Integer.toString(payload), op));
        String out = exec(cmd, 600).trim();
        String[] lines = out.split("\n");
        return Double.parseDouble(lines[lines.length - 1].trim());
    }

    /** Runs a command, returns its standard output; standard error is discarded. */
    static String exec(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(cmd.get(0) + " did not finish in " + timeoutSeconds + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue());
        }
        return new String(out);
    }

    static String markdown(ReportContext ctx, List<Case> cases, Libsrtp lib, JmhRunner.Spec example, Integer cpu,
                           int libsrtpSeconds, List<String[]> cpuRows, String cpuLoadStart, String loadStart,
                           String loadEnd) {
        StringBuilder b = new StringBuilder("### Results, generated by `voxgate lab report`\n\n");
        b.append(JmhSections.measuredLine(ctx, loadStart, loadEnd));
        int rounds = cases.stream().mapToInt(Case::round).max().orElse(0);
        b.append("Case by case, back to back").append(cpu == null ? "" : ", pinned to core " + cpu)
                .append(": Voxgate (`SrtpBenchmark`, its fork with the launcher's `--add-opens`) and jitsi-srtp "
                        + "(`JitsiSrtpBenchmark`) in the same JMH settings, alternating order from round to round, then ")
                .append(lib.missing() == null ? lib.version() + " through `lab/src/main/c/srtp_bench.c` ("
                        + libsrtpSeconds + " s per case, a quarter of it warm-up)" : "libsrtp: **not measured**, " + lib.missing())
                .append(". ").append(rounds).append(rounds == 1 ? " round" : " rounds")
                .append(" (`--set srtp.rounds=N`; rounds are separated by ` / `). Million packets/s, one thread. "
                        + "The references are jitsi-srtp and libsrtp in the same case. One case from a shell:\n\n");
        if (example != null) {
            b.append(JmhSections.fence(example.shellCommand()));
        }
        MarkdownTable t = new MarkdownTable("case", "Voxgate (± 99.9% CI)", "jitsi-srtp", "libsrtp",
                "Voxgate ÷ jitsi", "Voxgate ÷ libsrtp", "B/op Voxgate; jitsi", "load average at the case's start");
        for (int payload : PAYLOADS) {
            for (String profile : PROFILES) {
                for (String op : OPS) {
                    List<String> v = new ArrayList<>();
                    List<String> j = new ArrayList<>();
                    List<String> l = new ArrayList<>();
                    List<String> vj = new ArrayList<>();
                    List<String> vl = new ArrayList<>();
                    List<String> bop = new ArrayList<>();
                    List<String> load = new ArrayList<>();
                    for (Case c : cases) {
                        if (c.payload() != payload || !c.profile().equals(profile)) {
                            continue;
                        }
                        JmhResult vr = c.voxgate().get(op);
                        JmhResult jr = c.jitsi().get(op);
                        Double lr = c.libsrtp().get(op);
                        double vm = vr == null ? Double.NaN : vr.score() / 1e6;
                        double jm = jr == null ? Double.NaN : jr.score() / 1e6;
                        double lm = lr == null ? Double.NaN : lr / 1e6;
                        v.add(vr == null ? "n/a" : JmhSections.withError(vm, vr.scoreError() / 1e6, "%.2f"));
                        j.add(JmhSections.fmt("%.2f", jm));
                        l.add(JmhSections.fmt("%.2f", lm));
                        vj.add(JmhSections.fmt("%.2f", vm / jm));
                        vl.add(JmhSections.fmt("%.2f", vm / lm));
                        bop.add((vr == null ? "n/a" : JmhSections.bytesPerOp(vr)) + "; "
                                + (jr == null ? "n/a" : JmhSections.fmt("%.0f", jr.allocBytesPerOp())));
                        load.add(c.load().split(" ")[0]);
                    }
                    t.row(caseName(profile, payload, op), String.join(" / ", v), String.join(" / ", j),
                            String.join(" / ", l), "**" + String.join(" / ", vj) + "**", String.join(" / ", vl),
                            String.join(" / ", bop), String.join(" / ", load));
                }
            }
        }
        b.append('\n').append(t.render()).append('\n');
        b.append("Voxgate's fast paths (from its fork's log), and the AES backend jitsi-srtp picked at start "
                + "(it benchmarks OpenSSL against SunJCE every time):\n\n");
        for (Case c : cases) {
            b.append("- round ").append(c.round()).append(", ").append(caseName(c.profile(), c.payload(), "").replaceAll(", $", ""))
                    .append(": Voxgate ").append(c.fastPaths()).append("; jitsi-srtp ").append(c.jitsiBackends()).append('\n');
        }
        if (!cpuRows.isEmpty()) {
            b.append("\nThread CPU time per packet (`org.voxgate.lab.srtp.SrtpCpuTime`, each case and library in its own JVM")
                    .append(cpu == null ? "" : " pinned to core " + cpu)
                    .append(", best of 17 runs of 200,000 after 8 warm-up runs; leaves out GC and JIT threads, so it "
                            + "flatters jitsi-srtp, which allocates). Reference: jitsi-srtp, same JVM flags, right after "
                            + "Voxgate. Load average ").append(cpuLoadStart).append(" at its start.\n\n");
            MarkdownTable c = new MarkdownTable("case", "Voxgate ns", "jitsi-srtp ns", "jitsi ÷ Voxgate");
            cpuRows.forEach(c::row);
            b.append(c.render());
        }
        return b.toString();
    }
}
