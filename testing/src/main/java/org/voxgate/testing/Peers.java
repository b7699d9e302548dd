package org.voxgate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks for the real peer programs interop tests talk to (sipp, baresip, tshark, python
 * modules). Outside CI a missing peer skips the test with a visible reason; under
 * {@code CI=true} it fails, because CI installs every peer.
 */
public final class Peers {
    private Peers() {}

    /** True when running under CI ({@code CI=true}). */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Requires an executable on the PATH; returns its absolute path. */
    public static Path requireCommand(String command) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        missing(command + " is not installed (run ./voxgate test as root, or apt-get install it)");
        return null; // not reached
    }

    /** Requires a module importable by Debian's /usr/bin/python3. */
    public static void requirePythonModule(String module) {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import " + module)
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        missing("python module " + module + " is not importable by /usr/bin/python3");
    }

    private static void missing(String reason) {
        if (underCi()) {
            Assertions.fail("CI=true but " + reason);
        }
        Assumptions.abort("skipped: " + reason);
    }
}
