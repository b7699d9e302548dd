package org.voxgate.lab.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.voxgate.lab.load.LoadPlan;
import org.voxgate.lab.load.LoadResult;
import org.voxgate.lab.load.LoadRunner;

class ChildNodeIT {

    @Test
    void meetingsMadeThroughTheAdminApiTakeCallsAndTheTlsPortListens() throws Exception {
        try (ChildNode node = new ChildNode(new ChildNode.Options("2468", 10, true, true, Map.of()))) {
            node.createMeeting("lab-a", "700101", 10);
            assertThatThrownBy(() -> node.createMeeting("lab-b", "700101", 10))
                    .isInstanceOf(IOException.class).hasMessageContaining("700101");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", node.sipTlsPort()), 5000);
            }
            LoadResult r = new LoadRunner(new LoadPlan("127.0.0.1", node.sipPort(), "127.0.0.1", 3, 5, 6, "conference",
                    List.of("700101"), false, "", 1, 800, 10_000, node.metricsUri()), null).run();
            // one talker (the first caller, who hears "you are the only participant"), two listeners
            assertThat(r.answered()).isEqualTo(3);
            assertThat(r.failed()).isZero();
            assertThat(r.mediaTotals()[2]).as("legs that heard the talker").isEqualTo(2);
        }
    }

    @Test
    void createMeetingNeedsTheAdminApi() throws Exception {
        try (ChildNode node = new ChildNode("2468", 4)) {
            assertThatThrownBy(() -> node.createMeeting("x", "700102", 4)).isInstanceOf(IllegalStateException.class);
        }
    }
}
