package org.voxgate.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Import rules: the module never uses Netty or any Voxgate module above it, and SRTP itself does
 * not depend on the DTLS stack: Bouncy Castle appears only in the DTLS classes.
 */
class ModuleBoundaryTest {
    private static final Path MAIN = Path.of("src/main/java/org/voxgate/srtp");

    @Test
    void importsStayInside() throws IOException {
        List<String> breaches = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String name = MAIN.relativize(f).toString();
                boolean dtls = name.startsWith("internal/dtls/") || name.startsWith("Dtls");
                for (String line : Files.readAllLines(f)) {
                    if (!line.startsWith("import ")) {
                        continue;
                    }
                    if (line.contains("io.netty") || (line.contains("org.voxgate.") && !line.contains("org.voxgate.srtp"))) {
                        breaches.add(name + ": " + line);
                    }
                    if (line.contains("org.bouncycastle") && !dtls) {
                        breaches.add(name + " (not DTLS): " + line);
                    }
                    if (line.contains(".internal.dtls") && !dtls) {
                        breaches.add(name + " (SRTP must not see DTLS): " + line);
                    }
                }
            }
        }
        assertThat(breaches).isEmpty();
    }
}
