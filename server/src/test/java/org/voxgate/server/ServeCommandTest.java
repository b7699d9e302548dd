package org.voxgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class ServeCommandTest {

    @Test
    void badSettingStopsStartupWithTheKeyAndWhatIsAllowed(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "rtp:\n  portMin: 21001\n");
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new Main()).execute("serve", "--config", config.toString());
        } finally {
            System.setErr(saved);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("configuration error")
                .contains("rtp.portMin")
                .contains("even");
    }

    @Test
    void helpListsServe() {
        CommandLine cl = new CommandLine(new Main());
        assertThat(cl.getSubcommands()).containsKey("serve");
        assertThat(cl.getUsageMessage()).contains("serve");
    }
}
