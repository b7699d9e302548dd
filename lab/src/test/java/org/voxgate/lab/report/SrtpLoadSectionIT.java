package org.voxgate.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code lab report --quick --sections srtp-load} into a temporary copy of BENCHMARKS.md. */
class SrtpLoadSectionIT {

    @Test
    void quickRunWritesTheSectionBetweenItsMarkersAndLeavesTheRestAlone(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("BENCHMARKS.md");
        String before = "# Benchmarks\n\nhand-written\n\n<!-- lab:load-cpu:begin -->\nx\n<!-- lab:load-cpu:end -->\n";
        Files.writeString(doc, before);
        int rc = new CommandLine(new ReportCommand()).execute("--quick", "--sections", "srtp-load",
                "--set", "srtp-load.steps=10,20", "--set", "srtp-load.hold=4",
                "--benchmarks", doc.toString(), "--charts", dir.resolve("charts").toString());
        String after = Files.readString(doc);
        String section = after.substring(after.indexOf("<!-- lab:srtp-load:begin -->"),
                after.indexOf("<!-- lab:srtp-load:end -->"));
        assertThat(after).startsWith("# Benchmarks\n\nhand-written\n\n<!-- lab:srtp-load:begin -->")
                .endsWith("<!-- lab:load-cpu:begin -->\nx\n<!-- lab:load-cpu:end -->\n");
        assertThat(rc).as(section).isZero();
        // 20 SRTP calls over TLS pass on loopback, then the same 20 as plain RTP over UDP
        assertThat(section).contains("| SRTP, SIP/TLS | 10 | 10 | 0 | 0.000% | 0 / ",
                "| SRTP, SIP/TLS | 20 | 20 | 0 | 0.000% | 0 / ", "| RTP, SIP/UDP (reference) | 20 | 20 | 0 |",
                "Largest step with loss under 0.1 % and no failed call: 20 concurrent", "--set srtp-load.hold=4");
        assertThat(section).containsPattern("node CPU per call-second over the hold \\*\\*\\d+\\.\\d\\d x\\*\\*");
    }
}
