package org.voxgate.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.testing.FreePorts;

import picocli.CommandLine;

/**
 * A short load run against a whole server in this JVM: 10 calls at 5 calls/s through the IVR
 * (access code as RFC 4733 events) into the demo meeting, two talkers, held 5 s.
 */
class LoadCommandIT {
    private static final String CODE = LoopbackNode.CODE;

    @TempDir
    Path dir;

    @Test
    void tenCallsThroughTheIvrAreMeasuredEndToEnd() throws Exception {
        try (LoopbackNode node = LoopbackNode.start(dir, false)) {
            LoadPlan plan = new LoadPlan("127.0.0.1", node.sipPort(), "127.0.0.1", 10, 5, 5, "conference", List.of(CODE),
                    false, "", 2, 800, 10_000, node.metricsUri());
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
    void pcmaCallsAreAnsweredInPcmaAndHearTheTalker() throws Exception {
        try (LoopbackNode node = LoopbackNode.start(dir, false)) {
            LoadPlan plan = new LoadPlan("127.0.0.1", node.sipPort(), "127.0.0.1", 4, 5, 5, "conference", List.of(CODE),
                    false, "", 1, 800, 10_000, node.metricsUri()).withCodec(LoadCodec.PCMA);
            LoadResult r = new LoadRunner(plan, System.err).run();

            assertThat(r.failuresByCause()).isEmpty();
            assertThat(r.negotiatedCounts()).containsExactly(
                    java.util.Map.entry("PCMA/8000 (PT 8), telephone-event/8000 (PT 101)", 4));
            assertThat(r.node().deltas()).containsEntry("IVR joins", 4.0);
            assertThat(r.lossRatio()).isZero();
            // the lab's own A-law in, the node's A-law out, decoded again by the lab's: 3 listeners hear the tone
            assertThat(r.legsHearingATalker()).containsExactly(3, 3);
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
