package org.voxgate.lab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class ReportCommandTest {

    @Test
    void anUnknownSectionIsRefusedWithTheListAndTheDocumentIsUntouched(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("B.md");
        Files.writeString(doc, "# Benchmarks\n");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        int rc;
        try {
            rc = new CommandLine(new ReportCommand()).execute("--sections", "nope", "--benchmarks", doc.toString(),
                    "--charts", dir.resolve("charts").toString());
        } finally {
            System.setErr(err);
        }
        assertThat(rc).isEqualTo(2);
        assertThat(captured.toString()).contains("no section 'nope'", "load-cpu", "quality");
        assertThat(Files.readString(doc)).isEqualTo("# Benchmarks\n");
    }

    @Test
    void sectionNamesAreUniqueMarkerNames() {
        assertThat(ReportSections.all()).extracting(ReportSection::name).doesNotHaveDuplicates()
                .allMatch(n -> n.matches("[a-z0-9]+(-[a-z0-9]+)*"));
    }

    @Test
    void settingsFallBackToTheModeDefaultAndNameTheKeyWhenMalformed() {
        ReportContext full = context(false, Map.of("soak.minutes", "60", "bad.n", "x"));
        assertThat(full.intSetting("soak.minutes", 10, 2)).isEqualTo(60);
        assertThat(full.intSetting("other.n", 10, 2)).isEqualTo(10);
        assertThat(context(true, Map.of()).intSetting("other.n", 10, 2)).isEqualTo(2);
        assertThatThrownBy(() -> full.intSetting("bad.n", 1, 1)).hasMessageContaining("bad.n=x");
    }

    @Test
    void listSettingsAreCommaListsOfPositiveIntegers() {
        assertThat(context(false, Map.of("a.n", "100, 200,450")).intListSetting("a.n", "1", "2")).containsExactly(100, 200, 450);
        assertThat(context(true, Map.of()).intListSetting("a.n", "10,25", "10,20")).containsExactly(10, 20);
        assertThatThrownBy(() -> context(false, Map.of("a.n", "10,0")).intListSetting("a.n", "1", "1"))
                .hasMessageContaining("a.n=10,0");
    }

    private static ReportContext context(boolean quick, Map<String, String> settings) {
        return new ReportContext(quick, "m", "2026-11-28", "c", Path.of("."), ".", 1, settings, System.err);
    }
}
