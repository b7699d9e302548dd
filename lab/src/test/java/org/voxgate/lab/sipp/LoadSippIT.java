package org.voxgate.lab.sipp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.lab.load.LoadCommand;
import org.voxgate.lab.node.ChildNode;
import org.voxgate.testing.Peers;

import picocli.CommandLine;

/** {@code lab load --generator sipp} against a real node: SIPp places the calls, the report has them. */
class LoadSippIT {

    @Test
    void sippPlacesTheCallsAndTheReportCountsThem(@TempDir Path dir) throws Exception {
        Peers.requireCommand("sipp");
        try (ChildNode node = new ChildNode(new ChildNode.Options("2468", 20, false, false,
                Map.of("VOXGATE_DEMO_DIRECT_NUMBER", "demo")))) {
            Path report = dir.resolve("sipp.md");
            int rc = new CommandLine(new LoadCommand()).execute("--generator", "sipp", "--direct", "--meeting", "demo",
                    "--target", "127.0.0.1:" + node.sipPort(), "--calls", "4", "--rate", "4", "--hold", "2",
                    "--metrics-url", "none", "--report", report.toString());
            String md = Files.readString(report);
            assertThat(rc).as(md).isZero();
            assertThat(md).contains("| 4 | 4 | 0 | 0 |");
        }
    }

    @Test
    void refusesWhatSippCannotDo(@TempDir Path dir) {
        int rc = new CommandLine(new LoadCommand()).execute("--generator", "sipp", "--meeting", "2468",
                "--report", dir.resolve("x.md").toString());
        assertThat(rc).isEqualTo(2);
        assertThat(dir.resolve("x.md")).doesNotExist();
    }
}
