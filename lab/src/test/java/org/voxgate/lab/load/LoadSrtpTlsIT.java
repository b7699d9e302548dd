package org.voxgate.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load generator's SRTP path against a whole server in this JVM: SIP over one TLS connection
 * to the node's sip.tlsPort (its self-signed certificate, trusted as the lab tool does by
 * default), RTP/SAVP offers with SDES keys, 6 calls into the demo meeting through the IVR with
 * one talker, held 6 s (a listener that joined last needs time past the join before the mix reaches it). Every leg must join, the listeners must hear the talker's tone through SRTP in both
 * directions, with no authentication failure and no loss.
 */
class LoadSrtpTlsIT {
    private static final String CODE = LoopbackNode.CODE;

    @TempDir
    Path dir;

    @Test
    void sixSrtpCallsOverTlsJoinAndHearTheTalker() throws Exception {
        try (LoopbackNode node = LoopbackNode.start(dir, true)) {
            LoadPlan plan = new LoadPlan("127.0.0.1", node.tlsPort(), "127.0.0.1", 6, 5, 6, "conference", List.of(CODE),
                    false, "", 1, 800, 10_000, node.metricsUri(),
                    "tls", null, true);
            LoadResult r = new LoadRunner(plan, System.err).run();

            assertThat(r.failuresByCause()).isEmpty();
            assertThat(r.answered()).isEqualTo(6);
            assertThat(r.node().deltas()).containsEntry("IVR joins", 6.0); // the access code got through as SRTP events
            for (LoadResult.Leg leg : r.legs()) {
                assertThat(leg.rx().received()).as("leg %d", leg.index()).isGreaterThan(250);
                assertThat(leg.rx().lost()).as("leg %d", leg.index()).isZero();
                assertThat(leg.srtpAuthFailures()).as("leg %d", leg.index()).isZero();
                assertThat(leg.packetsSent()).isGreaterThan(250);
            }
            assertThat(r.srtpTotals()).containsExactly(0L, 0L);
            assertThat(r.legsHearingATalker()).containsExactly(5, 5); // the 5 listeners decrypt the talker's tone
            assertThat(r.lossRatio()).isZero();
            assertThat(LoadReport.markdown(r, "test")).contains("### SRTP (SDES, AES_CM_128_HMAC_SHA1_80, SIP over TLS)", "(SIP/TLS, any certificate accepted), SRTP (SDES)",
                    "| 0 | 0 | 0 |");
        }
    }
}
