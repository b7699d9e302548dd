package org.voxgate.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opus load against a whole server in this JVM (default rtp.codecs, Opus first): the offer has
 * only opus/48000/2 and telephone-event/48000, so the node must answer Opus; the access code goes
 * in as RFC 4733 events at the 48 kHz clock; the talkers' Opus tone must come back out of the
 * mix, decoded by each leg, with no loss. Then the same over SRTP and SIP-TLS.
 */
class LoadOpusIT {
    @TempDir
    Path dir;

    private static void assertOpusNegotiated(LoadResult r) {
        for (LoadResult.Leg leg : r.legs()) {
            LoadResult.Negotiated n = leg.negotiated();
            assertThat(n).as("leg %d", leg.index()).isNotNull();
            assertThat(n.rtpmap()).as("leg %d", leg.index()).isEqualToIgnoringCase("opus/48000/2");
            assertThat(n.payloadType()).isEqualTo(LoadCodec.OPUS.offerPayloadType()); // the node kept our number
            assertThat(n.telephoneEventClockHz()).isEqualTo(48_000);
            assertThat(n.telephoneEventType()).isEqualTo(SipRequests.OFFER_TELEPHONE_EVENT_PT);
        }
    }

    @Test
    void tenOpusCallsThroughTheIvrHearTheTalkers() throws Exception {
        try (LoopbackNode node = LoopbackNode.start(dir, false)) {
            LoadPlan plan = new LoadPlan("127.0.0.1", node.sipPort(), "127.0.0.1", 10, 5, 5, "conference",
                    List.of(LoopbackNode.CODE), false, "", 2, 800, 10_000, node.metricsUri(), "udp", null, false,
                    LoadCodec.OPUS);
            LoadResult r = new LoadRunner(plan, System.err).run();

            assertThat(r.failuresByCause()).isEmpty();
            assertThat(r.answered()).isEqualTo(10);
            assertThat(r.failed()).isZero();
            assertOpusNegotiated(r);
            // the access codes, typed as telephone-event/48000, got every call in
            assertThat(r.node().deltas()).containsEntry("IVR joins", 10.0);
            for (LoadResult.Leg leg : r.legs()) {
                assertThat(leg.rx().received()).as("leg %d", leg.index()).isGreaterThan(250);
                assertThat(leg.rx().lost()).as("leg %d", leg.index()).isZero();
                assertThat(leg.rx().undecodable()).as("leg %d", leg.index()).isZero();
                assertThat(leg.rx().audioFrames()).as("leg %d", leg.index()).isGreaterThan(250);
                assertThat(leg.rx().jitterMs()).isBetween(0.0, 60.0);
                assertThat(leg.packetsSent()).isGreaterThan(250);
            }
            assertThat(r.legsHearingATalker()).containsExactly(10, 10); // decoded from Opus, 1 kHz found
            assertThat(r.lossRatio()).isZero();
            String md = LoadReport.markdown(r, "test");
            assertThat(md).contains("opus/48000/2 + telephone-event/48000", "(PT 111), telephone-event/48000 (PT 101) on 10 legs",
                    "Opus frames the generator's decoders refused: 0.");
        }
    }

    @Test
    void opusOverSrtpAndTls() throws Exception {
        try (LoopbackNode node = LoopbackNode.start(dir, true)) {
            LoadPlan plan = new LoadPlan("127.0.0.1", node.tlsPort(), "127.0.0.1", 4, 5, 6, "conference",
                    List.of(LoopbackNode.CODE), false, "", 1, 800, 10_000, node.metricsUri(), "tls", null, true,
                    LoadCodec.OPUS);
            LoadResult r = new LoadRunner(plan, System.err).run();

            assertThat(r.failuresByCause()).isEmpty();
            assertThat(r.answered()).isEqualTo(4);
            assertOpusNegotiated(r);
            assertThat(r.node().deltas()).containsEntry("IVR joins", 4.0);
            assertThat(r.srtpTotals()).containsExactly(0L, 0L);
            for (LoadResult.Leg leg : r.legs()) {
                assertThat(leg.rx().lost()).as("leg %d", leg.index()).isZero();
                assertThat(leg.rx().undecodable()).as("leg %d", leg.index()).isZero();
            }
            assertThat(r.legsHearingATalker()).containsExactly(3, 3);
        }
    }
}
