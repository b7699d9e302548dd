package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The module's dependency rules, checked on the sources (main and test):
 * only {@code org.voxgate.sip.internal.stack} touches JAIN-SIP ({@code javax.sip}, {@code gov.nist}),
 * and of the audio bridge only {@code org.voxgate.bridge.api} is used. Tests may also build a
 * real bridge ({@code AudioBridges}, {@code BridgeConfig}), as the server's composition root does.
 */
class ImportRulesTest {
    private static final String STACK_PACKAGE = "org.voxgate.sip.internal.stack";
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** Imports, and fully qualified uses in code (which need no import). */
    private static final Pattern JAIN_SIP = Pattern.compile("\\b(javax\\.sip|gov\\.nist)\\.");
    private static final Pattern BRIDGE = Pattern.compile("\\borg\\.voxgate\\.bridge\\.([\\w.]+)");

    /** What test sources may use of the bridge besides its API: the factory and its settings. */
    private static final List<String> TEST_ONLY_BRIDGE = List.of("AudioBridges", "BridgeConfig");

    private static List<Path> sources() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String root : List.of("src/main/java", "src/test/java")) {
            Path dir = Path.of(root);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.filter(p -> p.toString().endsWith(".java")).forEach(all::add);
                }
            }
        }
        return all;
    }

    static List<String> breaches(String pkg, String source, String name) {
        return breaches(pkg, source, name, false);
    }

    static List<String> breaches(String pkg, String source, String name, boolean testSource) {
        List<String> out = new ArrayList<>();
        String code = source.replaceAll("\"(?:\\\\.|[^\"\\\\\n])*\"", "\"\"") // string literals
                .replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        if (!pkg.equals(STACK_PACKAGE) && JAIN_SIP.matcher(code).find()) {
            out.add(name + " (" + pkg + ") uses JAIN-SIP outside " + STACK_PACKAGE);
        }
        Matcher m = BRIDGE.matcher(code);
        while (m.find()) {
            boolean allowed = m.group(1).startsWith("api.") || (testSource && TEST_ONLY_BRIDGE.contains(m.group(1)));
            if (!allowed) {
                out.add(name + " uses org.voxgate.bridge." + m.group(1) + ", outside org.voxgate.bridge.api");
            }
        }
        return out;
    }

    @Test
    void onlyTheStackPackageUsesJainSipAndOnlyTheBridgeApiIsUsed() throws IOException {
        List<Path> files = sources();
        assertThat(files).as("sources found from " + Path.of("").toAbsolutePath()).hasSizeGreaterThan(20);
        List<String> breaches = new ArrayList<>();
        for (Path p : files) {
            String text = Files.readString(p);
            Matcher pm = PACKAGE.matcher(text);
            String pkg = pm.find() ? pm.group(1) : "";
            breaches.addAll(breaches(pkg, text, p.toString(), p.startsWith("src/test")));
        }
        assertThat(breaches).isEmpty();
    }

    @Test
    void theScannerSeesBreaches() {
        assertThat(breaches("org.voxgate.sip.internal.ivr", "import javax.sip.message.Request;", "A.java")).hasSize(1);
        assertThat(breaches("org.voxgate.sip", "Object o = new gov.nist.javax.sip.SipStackImpl();", "B.java")).hasSize(1);
        assertThat(breaches(STACK_PACKAGE, "import javax.sip.message.Request;", "C.java")).isEmpty();
        assertThat(breaches("org.voxgate.sip", "import org.voxgate.bridge.internal.mix.MixParticipant;", "D.java")).hasSize(1);
        assertThat(breaches("org.voxgate.sip", "import org.voxgate.bridge.BridgeConfig;", "E.java")).hasSize(1);
        assertThat(breaches("org.voxgate.sip", "import org.voxgate.bridge.api.MediaLeg;", "F.java")).isEmpty();
        assertThat(breaches("org.voxgate.sip", "import org.voxgate.bridge.AudioBridges;", "H.java", true)).isEmpty();
        assertThat(breaches("org.voxgate.sip", "import org.voxgate.bridge.AudioBridges;", "I.java", false)).hasSize(1);
        assertThat(breaches("org.voxgate.sip", "// see javax.sip.Dialog\n/* gov.nist. */", "G.java")).isEmpty();
    }
}
