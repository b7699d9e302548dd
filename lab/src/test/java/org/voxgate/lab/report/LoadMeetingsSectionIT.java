package org.voxgate.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.testing.Peers;

import picocli.CommandLine;

/** The load-meetings section end to end, quick-sized, into a copy of docs/BENCHMARKS.md. */
class LoadMeetingsSectionIT {

    @Test
    void writesTheWindowTheWholeRunAndTheSippReferenceWithSaneNumbers(@TempDir Path dir) throws Exception {
        Peers.requireCommand("sipp");
        Path doc = dir.resolve("BENCHMARKS.md");
        Files.copy(Path.of("../docs/BENCHMARKS.md"), doc);
        int rc = new CommandLine(new ReportCommand()).execute("--quick", "--sections", "load-meetings",
                "--set", "load-meetings.calls=20", "--set", "load-meetings.rates=10",
                "--set", "load-meetings.hold=7", "--set", "load-meetings.window=3",
                "--set", "load-meetings.reference-calls=10",
                "--benchmarks", doc.toString(), "--charts", dir.resolve("charts").toString());
        String text = Files.readString(doc);
        String section = text.substring(text.indexOf("<!-- lab:load-meetings:begin -->"),
                text.indexOf("<!-- lab:load-meetings:end -->"));
        assertThat(rc).as(section).isZero();
        assertThat(section).contains("--sections load-meetings --set load-meetings.calls=20",
                "window 3 s, reference 10 calls");
        int cores = Runtime.getRuntime().availableProcessors();

        List<String> window = cells(section, "| lab load, 2 meetings x 10 | 20 | ");
        assertThat(Double.parseDouble(window.get(3))).as("node cores").isGreaterThan(0.001).isLessThan(cores);
        assertThat(Double.parseDouble(window.get(5))).as("generator cores").isGreaterThan(0.001).isLessThan(cores);
        assertThat(Long.parseLong(window.get(6))).as("late ticks").isNotNegative();

        List<String> whole = cells(section, "| lab load, 2 meetings x 10 | 20/20 | ");
        assertThat(ms(whole.get(3))).as("set-up p50").isGreaterThan(0).isLessThan(5000);
        assertThat(ms(whole.get(5))).as("set-up p99").isGreaterThanOrEqualTo(ms(whole.get(3)));
        assertThat(whole.get(6)).as("loss").isEqualTo("0.000%");
        assertThat(whole.get(9)).as("heard a talker").isEqualTo("20/20 legs");

        for (String generator : List.of("SIPp", "lab load")) {
            List<String> ref = cells(section, "| " + generator + " | 10/10 | ");
            assertThat(Double.parseDouble(ref.get(3))).as(generator + " node cores").isGreaterThan(0.001).isLessThan(cores);
            assertThat(Double.parseDouble(ref.get(4))).as(generator + " cores").isGreaterThan(0.0001).isLessThan(cores);
            assertThat(ms(ref.get(5))).as(generator + " set-up p50").isGreaterThanOrEqualTo(0).isLessThan(5000);
        }
        List<String> ratio = cells(section, "| same run | ");
        for (int i = 2; i <= 4; i++) {
            assertThat(Double.parseDouble(ratio.get(i))).as("ratio " + i).isGreaterThan(0).isLessThan(100);
        }
        assertThat(text).contains("## Load", "<!-- lab:load-cpu:begin -->");
    }

    /** The cells of the row that starts with {@code prefix}, split on '|' (cell 0 is empty). */
    private static List<String> cells(String md, String prefix) {
        int at = md.indexOf(prefix);
        assertThat(at).as("a row starting " + prefix + " in\n" + md).isNotNegative();
        String row = md.substring(at, md.indexOf('\n', at));
        return Arrays.stream(row.split("\\|")).map(String::trim).toList();
    }

    private static double ms(String cell) {
        Matcher m = Pattern.compile("([0-9.]+) ms").matcher(cell);
        assertThat(m.matches()).as("a time in ms: " + cell).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
