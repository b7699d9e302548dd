package org.voxgate.bridge;

import static org.voxgate.testing.ImportRules.assertNone;
import static org.voxgate.testing.ImportRules.mainSources;
import static org.voxgate.testing.ImportRules.startsWithAny;

import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE.md: audio-bridge knows nothing of SIP or H.323, and its public API package
 * exposes no implementation or third-party types.
 */
class BridgeModuleBoundaryTest {

    @Test
    void knowsNoSignallingAndNoModuleAbove() {
        assertNone(mainSources(), p -> true,
                startsWithAny("org.voxgate.sip", "org.voxgate.h323", "org.voxgate.meeting", "org.voxgate.server",
                        "org.voxgate.lab", "javax.sip", "gov.nist"),
                "audio-bridge must not import signalling or modules above it");
    }

    @Test
    void apiExposesNoInternals() {
        assertNone(mainSources(), p -> p.toString().contains("org/voxgate/bridge/api/"),
                startsWithAny("org.voxgate.bridge.internal", "io.netty", "org.voxgate.srtp.internal"),
                "org.voxgate.bridge.api must not expose internals or Netty");
    }
}
