package org.voxgate.srtp;

import static org.voxgate.testing.ImportRules.assertNone;
import static org.voxgate.testing.ImportRules.mainSources;
import static org.voxgate.testing.ImportRules.startsWithAny;

import org.junit.jupiter.api.Test;

/** ARCHITECTURE.md: srtp is the bottom module; it knows nothing of RTP sockets or other modules. */
class SrtpModuleBoundaryTest {

    @Test
    void importsNoOtherModuleAndNoNetworkLibrary() {
        assertNone(mainSources(), p -> true,
                startsWithAny("org.voxgate.bridge", "org.voxgate.sip", "org.voxgate.h323", "org.voxgate.meeting",
                        "org.voxgate.server", "org.voxgate.lab", "io.netty"),
                "srtp must not import other Voxgate modules or Netty");
    }
}
