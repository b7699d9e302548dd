package org.voxgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;

/**
 * Module boundary checks: scans a module's main sources for import statements (and fully
 * qualified references to Voxgate packages) that ARCHITECTURE.md forbids, and fails with
 * every breach listed.
 */
public final class ImportRules {

    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\b(org\\.voxgate\\.[a-z0-9_.]+[A-Z]\\w*)");

    private ImportRules() {}

    /** Main sources of the module whose tests are running (Maven runs tests in the module directory). */
    public static Path mainSources() {
        return Path.of("src", "main", "java");
    }

    /**
     * Fails when a file under {@code sourceRoot} (optionally only files whose path matches
     * {@code files}) imports or names a type matching {@code forbidden}.
     *
     * @param rule short text for the failure message, e.g. "srtp must not know Netty"
     */
    public static void assertNone(Path sourceRoot, Predicate<Path> files, Predicate<String> forbidden, String rule) {
        List<String> breaches = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".java")).filter(files).toList()) {
                String text = Files.readString(f);
                Matcher m = IMPORT.matcher(text);
                while (m.find()) {
                    if (forbidden.test(m.group(2))) {
                        breaches.add(f + ": import " + m.group(2));
                    }
                }
                Matcher q = QUALIFIED.matcher(text);
                while (q.find()) {
                    if (forbidden.test(q.group(1))) {
                        breaches.add(f + ": " + q.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!breaches.isEmpty()) {
            Assertions.fail(rule + ":\n  " + String.join("\n  ", breaches));
        }
    }

    public static Predicate<String> startsWithAny(String... prefixes) {
        return name -> {
            for (String p : prefixes) {
                if (name.startsWith(p)) {
                    return true;
                }
            }
            return false;
        };
    }
}
