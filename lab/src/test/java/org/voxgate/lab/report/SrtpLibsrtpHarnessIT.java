package org.voxgate.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.voxgate.testing.Peers;

/** The srtp section's libsrtp side: builds lab/src/main/c/srtp_bench.c against libsrtp2 and runs one case. */
class SrtpLibsrtpHarnessIT {

    @Test
    @Timeout(60)
    void buildsTheHarnessAndMeasuresProtectAndRoundTrip() throws Exception {
        Peers.requireCommand("cc");
        Peers.requireCommand("pkg-config");
        SrtpSection.Libsrtp lib = SrtpSection.libsrtp(Path.of("src/main/c/srtp_bench.c"));
        assertThat(lib.missing()).isNull();
        try {
            assertThat(lib.version()).startsWith("libsrtp");
            Map<String, Double> pps = SrtpSection.runLibsrtp(lib.binary(), null, 1, "AES_CM_128_HMAC_SHA1_80", 160);
            assertThat(pps).containsOnlyKeys("protect", "roundTrip");
            // a packet costs more than 10 ns and less than 1 ms on anything that runs this
            assertThat(pps.values()).allSatisfy(v -> assertThat(v).isBetween(1e3, 1e8));
            assertThat(pps.get("roundTrip")).isLessThan(pps.get("protect"));
        } finally {
            Files.deleteIfExists(lib.binary());
            Files.deleteIfExists(lib.binary().getParent());
        }
    }

    @Test
    void aMissingSourceIsSaidNotThrown() {
        SrtpSection.Libsrtp lib = SrtpSection.libsrtp(Path.of("no/such/srtp_bench.c"));
        assertThat(lib.binary()).isNull();
        assertThat(lib.missing()).contains("no/such/srtp_bench.c");
    }
}
