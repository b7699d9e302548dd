package org.voxgate.server;

import static org.voxgate.testing.ImportRules.assertNone;
import static org.voxgate.testing.ImportRules.mainSources;
import static org.voxgate.testing.ImportRules.startsWithAny;

import org.junit.jupiter.api.Test;

/** CONVENTIONS.md: other modules' internals are not imported, not even by the composition root. */
class ServerModuleBoundaryTest {

    @Test
    void usesOnlyPublicPackagesOfOtherModules() {
        assertNone(mainSources(), p -> true,
                name -> name.startsWith("org.voxgate.") && name.contains(".internal.") && !name.startsWith("org.voxgate.server."),
                "server must use other modules only through their public packages");
    }
}
