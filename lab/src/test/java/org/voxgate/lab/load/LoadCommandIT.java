package org.voxgate.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.server.VoxgateServer;
import org.voxgate.server.config.ConfigLoader;
import org.voxgate.testing.FreePorts;

import picocli.CommandLine;

/**
 * A short load run against a whole server in this JVM: 10 calls at 5 calls/s through the IVR
 * (access code as RFC 4733 events) into the demo meeting, two talkers, held 5 s.
 */
class LoadCommandIT {
    private static final String CODE = "2468";

    @TempDir
    Path dir;

    private int sip;

    private VoxgateServer server() throws Exception {
        sip = FreePorts.udpAndTcp();
        int rtp = FreePorts.udpRange(40);
        Map<String, String> env = new HashMap<>();
        env.put("VOXGATE_NETWORK_BIND_ADDRESS", "127.0.0.1");
        env.put("VOXGATE_DATA_DIR", dir.resolve("data").toString());
        env.put("VOXGATE_SIP_UDP_PORT", Integer.toString(sip));
        env.put("VOXGATE_SIP_TCP_PORT", Integer.toString(sip));
        env.put("VOXGATE_RTP_PORT_MIN", Integer.toString(rtp));
        env.put("VOXGATE_RTP_PORT_MAX", Integer.toString(rtp + 39));
        env.put("VOXGATE_DEMO_ACCESS_CODE", CODE);
        env.put("VOXGATE_ADMIN_ENABLED", "false");
        env.put("VOXGATE_METRICS_PORT", "0");
        // the generator places calls from one address, well above the per-source pike limit
        env.put("VOXGATE_SIP_DEFENCE_TRUSTED_NETWORKS", "127.0.0.1/32");
        env.put("VOXGATE_SIP_TLS_PORT", "0"); // not used here; 5061 may be taken by a parallel build
        return VoxgateServer.start(ConfigLoader.load(null, env));
    }

    @Test
    void tenCallsThroughTheIvrAreMeasuredEndToEnd() throws Exception {
        try (VoxgateServer node = server()) {
            LoadPlan plan = new LoadPlan("127.0.0.1", sip, "127.0.0.1", 10, 5, 5, "conference", List.of(CODE),
                    false, "", 2, 800, 10_000, URI.create("http://127.0.0.1:" + node.metricsPort() + "/metrics"));
            LoadResult r = new LoadRunner(plan, System.err).run();

            assertThat(r.failuresByCause()).isEmpty();
            assertThat(r.answered()).isEqualTo(10);
            assertThat(r.setupP50Ms()).isPositive().isLessThan(1000);
            assertThat(r.setupP99Ms()).isGreaterThanOrEqualTo(r.setupP50Ms());
            assertThat(r.offeredCallsPerSecond()).isBetween(4.0, 5.5);
            for (LoadResult.Leg leg : r.legs()) {
                // about 7 s of RTP at 50 packets/s, none lost on loopback
                assertThat(leg.rx().received()).as("leg %d", leg.index()).isGreaterThan(250);
                assertThat(leg.rx().lost()).as("leg %d", leg.index()).isZero();
                assertThat(leg.rx().jitterMs()).isBetween(0.0, 60.0); // loopback; loose for a busy CI machine
                assertThat(leg.packetsSent()).isGreaterThan(250);
            }
            // the access codes got through: every call joined, and the talkers' tone reached every listener
            assertThat(r.node().deltas()).containsEntry("IVR joins", 10.0).containsEntry("calls started", 10.0);
            assertThat(r.legsHearingATalker()).containsExactly(10, 10); // 8 listeners and the 2 talkers hear each other
            assertThat(r.legs().stream().filter(LoadResult.Leg::talker)).hasSize(2);
            assertThat(r.node().cpuAvg()).isBetween(0.0, 1.0);
            assertThat(r.node().rssMaxBytes()).isGreaterThan(10e6);
            assertThat(r.node().callsActiveMax()).isEqualTo(10);
            assertThat(r.node().deltas().get("mixer late ticks")).isNotNaN();
            String md = LoadReport.markdown(r, "test");
            assertThat(md).contains("## Calls", "## Media received by the generator", "## Node (from its /metrics)",
                    "| 10 | 10 | 0 |", "10 of 10");
        }
    }

    @Test
    void commandWritesTheReportAndFailsWhenTheNodeIsNotThere() throws Exception {
        Path report = dir.resolve("report.md");
        int nobody = FreePorts.anyUdp();
        int code = new CommandLine(new LoadCommand()).execute("--target", "127.0.0.1:" + nobody, "--calls", "2",
                "--rate", "10", "--hold", "0", "--meeting", CODE, "--setup-timeout-s", "2", "--metrics-url", "none",
                "--report", report.toString());
        assertThat(code).isEqualTo(1);
        String md = Files.readString(report);
        assertThat(md).contains("### Failed calls by cause", "| no final response in 2 s | 2 |", "Not read (no metrics URL)");
    }
}
