package org.voxgate.lab.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.voxgate.lab.MachineInfo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code voxgate lab report}: runs the {@link ReportSections} (all, or those named by
 * {@code --sections}), draws their charts into {@code docs/charts} and rewrites their marked
 * parts of {@code docs/BENCHMARKS.md}. The document is written after each section, so a long run
 * that stops half-way keeps what it measured.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Measures and rewrites the generated sections of BENCHMARKS.md (between "
                + "<!-- lab:NAME:begin --> and <!-- lab:NAME:end -->, added when missing) and docs/charts/*.png. "
                + "Hand-written text outside the markers is left alone. Run from the repository root."})
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "short runs of every section (minutes in all), to check the report works")
    boolean quick;

    @Option(names = "--sections", split = ",", description = "sections to run (default: all); --list shows them")
    List<String> sections;

    @Option(names = "--list", description = "list the sections and exit")
    boolean list;

    @Option(names = "--set", description = "a section setting KEY=VALUE, e.g. --set soak.minutes=60 "
            + "--set load-cpu.participants=10,50 (see lab/README.md)")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--benchmarks", defaultValue = "docs/BENCHMARKS.md", description = "file to rewrite (default ${DEFAULT-VALUE})")
    Path benchmarks;

    @Option(names = "--charts", defaultValue = "docs/charts", description = "PNG directory (default ${DEFAULT-VALUE})")
    Path charts;

    @Option(names = "--seed", defaultValue = "1", description = "seed of anything random (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        List<ReportSection> all = ReportSections.all();
        if (list) {
            all.forEach(s -> System.out.printf("%-12s %s%n", s.name(), s.description()));
            return 0;
        }
        List<ReportSection> chosen = new ArrayList<>();
        if (sections == null || sections.isEmpty()) {
            chosen.addAll(all);
        } else {
            for (String name : sections) {
                ReportSection s = all.stream().filter(x -> x.name().equals(name.trim())).findFirst().orElse(null);
                if (s == null) {
                    System.err.println("lab report: no section '" + name + "'; sections: "
                            + String.join(", ", all.stream().map(ReportSection::name).toList()));
                    return 2;
                }
                chosen.add(s);
            }
        }
        if (!Files.isRegularFile(benchmarks)) {
            System.err.println("lab report: " + benchmarks + " not found; run from the repository root or give --benchmarks");
            return 2;
        }
        Files.createDirectories(charts);
        Path docDir = benchmarks.toAbsolutePath().getParent();
        String rel = docDir == null ? charts.toString() : docDir.relativize(charts.toAbsolutePath()).toString();
        ReportContext ctx = new ReportContext(quick, MachineInfo.describe(), LocalDate.now(ZoneOffset.UTC).toString(),
                command(), charts, rel, seed, settings, System.err);
        boolean ok = true;
        for (ReportSection s : chosen) {
            ctx.say(s.name(), s.description());
            ReportSection.SectionResult r;
            try {
                r = s.run(ctx);
            } catch (IllegalArgumentException e) {
                System.err.println("lab report [" + s.name() + "]: " + e.getMessage());
                return 2;
            } catch (Exception e) {
                System.err.println("lab report [" + s.name() + "]: failed, section left as it was: " + e);
                ok = false;
                continue;
            }
            String doc = Files.readString(benchmarks);
            Files.writeString(benchmarks, MarkedSections.replace(doc, s.name(), r.markdown(), s.before()));
            ok &= r.ok();
            ctx.say(s.name(), "written" + (r.ok() ? "" : " (the run was not clean: see the section)"));
        }
        System.out.println("lab report: rewrote " + benchmarks + " and " + charts);
        return ok ? 0 : 1;
    }

    private String command() {
        StringBuilder b = new StringBuilder("voxgate lab report");
        if (quick) {
            b.append(" --quick");
        }
        if (sections != null && !sections.isEmpty()) {
            b.append(" --sections ").append(String.join(",", sections));
        }
        settings.forEach((k, v) -> b.append(" --set ").append(k).append('=').append(v));
        return b.toString();
    }
}
