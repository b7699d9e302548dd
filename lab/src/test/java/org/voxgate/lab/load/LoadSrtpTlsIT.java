package org.voxgate.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.server.VoxgateServer;
import org.voxgate.server.config.ConfigLoader;
import org.voxgate.testing.FreePorts;

/**
 * The load generator's SRTP path against a whole server in this JVM: SIP over one TLS connection
 * to the node's sip.tlsPort (its self-signed certificate, trusted as the lab tool does by
 * default), RTP/SAVP offers with SDES keys, 6 calls into the demo meeting through the IVR with
 * one talker, held 6 s (a listener that joined last needs time past the join before the mix reaches it). Every leg must join, the listeners must hear the talker's tone through SRTP in both
 * directions, with no authentication failure and no loss.
 */
class LoadSrtpTlsIT {
    private static final String CODE = "2468";

    @TempDir
    Path dir;

    private int tlsPort;

    private VoxgateServer server() throws Exception {
        int sip = FreePorts.udpAndTcp();
        tlsPort = FreePorts.udpAndTcp();
        int rtp = FreePorts.udpRange(40);
        Map<String, String> env = new HashMap<>();
        env.put("VOXGATE_NETWORK_BIND_ADDRESS", "127.0.0.1");
        env.put("VOXGATE_DATA_DIR", dir.resolve("data").toString());
        env.put("VOXGATE_SIP_UDP_PORT", Integer.toString(sip));
        env.put("VOXGATE_SIP_TCP_PORT", Integer.toString(sip));
        env.put("VOXGATE_SIP_TLS_PORT", Integer.toString(tlsPort));
        env.put("VOXGATE_RTP_PORT_MIN", Integer.toString(rtp));
        env.put("VOXGATE_RTP_PORT_MAX", Integer.toString(rtp + 39));
        env.put("VOXGATE_DEMO_ACCESS_CODE", CODE);
        env.put("VOXGATE_ADMIN_ENABLED", "false");
        env.put("VOXGATE_METRICS_PORT", "0");
        env.put("VOXGATE_SIP_DEFENCE_TRUSTED_NETWORKS", "127.0.0.1/32");
        return VoxgateServer.start(ConfigLoader.load(null, env));
    }

    @Test
    void sixSrtpCallsOverTlsJoinAndHearTheTalker() throws Exception {
        try (VoxgateServer node = server()) {
            LoadPlan plan = new LoadPlan("127.0.0.1", tlsPort, "127.0.0.1", 6, 5, 6, "conference", List.of(CODE),
                    false, "", 1, 800, 10_000, URI.create("http://127.0.0.1:" + node.metricsPort() + "/metrics"),
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
