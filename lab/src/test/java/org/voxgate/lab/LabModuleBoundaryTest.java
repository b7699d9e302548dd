package org.voxgate.lab;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.voxgate.testing.ImportRules;

/**
 * The lab's tools (load, quality, report, charts, nodes) measure the node from outside: they use
 * its public API and the wire, never bridge or gateway internals. Only the JMH benchmarks of
 * internal classes (codec, mix, jitter, srtp packages) may reach inside.
 */
class LabModuleBoundaryTest {
    private static final String[] TOOLS = {"load", "quality", "report", "chart", "node", "g711", "rtp"};

    @Test
    void toolsDoNotImportInternals() {
        ImportRules.assertNone(ImportRules.mainSources(), LabModuleBoundaryTest::isTool,
                name -> name.startsWith("org.voxgate.") && name.contains(".internal."),
                "lab tools must not import Voxgate internals (only the JMH benchmarks may)");
    }

    private static boolean isTool(Path file) {
        String p = file.toString().replace('\\', '/');
        for (String t : TOOLS) {
            if (p.contains("/org/voxgate/lab/" + t + "/")) {
                return true;
            }
        }
        return p.endsWith("/org/voxgate/lab/LabMain.java") || p.endsWith("/org/voxgate/lab/MachineInfo.java");
    }
}
