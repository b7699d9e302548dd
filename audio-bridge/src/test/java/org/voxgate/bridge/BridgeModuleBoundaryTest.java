package org.voxgate.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The public API does not lean on the implementation, and the bridge knows nothing of the
 * modules above it (ARCHITECTURE.md: a module never imports a module above it).
 */
class BridgeModuleBoundaryTest {
    private static final Path MAIN = Path.of("src/main/java/org/voxgate/bridge");

    @Test
    void apiImportsNoInternals() throws IOException {
        assertThat(offending(MAIN.resolve("api"), "import org.voxgate.bridge.internal")).isEmpty();
    }

    @Test
    void noImportsFromModulesAbove() throws IOException {
        for (String above : List.of("org.voxgate.sip", "org.voxgate.h323", "org.voxgate.meeting", "org.voxgate.server",
                "org.voxgate.lab", "javax.sip")) {
            assertThat(offending(MAIN, "import " + above)).as(above).isEmpty();
        }
    }

    private static List<String> offending(Path root, String prefix) throws IOException {
        List<String> bad = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith(prefix)) {
                        bad.add(f + ": " + line);
                    }
                }
            }
        }
        return bad;
    }
}
