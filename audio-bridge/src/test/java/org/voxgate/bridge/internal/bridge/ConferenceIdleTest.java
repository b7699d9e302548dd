package org.voxgate.bridge.internal.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.Conference;
import org.voxgate.bridge.api.ConferenceOptions;
import org.voxgate.bridge.internal.conference.DefaultConference;
import org.voxgate.bridge.internal.leg.BridgeTuning;
import org.voxgate.testing.FakeClock;

/** Idle conferences close after the grace; a handed-out one waits for its caller. No sockets. */
class ConferenceIdleTest {
    private static final long GRACE_MS = BridgeTuning.CONFERENCE_IDLE_MS;

    private final FakeClock clock = new FakeClock();
    private DefaultMediaBridge bridge;

    @BeforeEach
    void start() {
        // Sweep period far beyond the test: only the explicit closeIdleConferences() sweeps.
        BridgeTuning tuning = new BridgeTuning(2_000, 500, 1, 1, GRACE_MS, 3_600_000);
        bridge = new DefaultMediaBridge(Bridges.config(Duration.ofSeconds(30)), clock, tuning);
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    @Test
    void emptyConferenceClosesAfterTheGraceAndNotBefore() {
        Conference c = bridge.conference("room", ConferenceOptions.defaults());
        clock.advanceMillis(GRACE_MS - 1);
        assertThat(bridge.closeIdleConferences()).isZero();
        assertThat(bridge.findConference("room")).containsSame(c);

        clock.advanceMillis(1);
        assertThat(bridge.closeIdleConferences()).isEqualTo(1);
        assertThat(bridge.findConference("room")).isEmpty();
        assertThat(((DefaultConference) c).isClosed()).isTrue();
    }

    @Test
    void handingOutAgainRestartsTheGrace() {
        Conference first = bridge.conference("room", ConferenceOptions.defaults());
        clock.advanceMillis(GRACE_MS - 1_000);
        assertThat(bridge.conference("room", ConferenceOptions.defaults())).isSameAs(first);
        clock.advanceMillis(GRACE_MS - 1_000);
        assertThat(bridge.closeIdleConferences()).isZero();
        clock.advanceMillis(1_000);
        assertThat(bridge.closeIdleConferences()).isEqualTo(1);
    }

    @Test
    void lookingItUpDoesNotKeepItAlive() {
        bridge.conference("room", ConferenceOptions.defaults());
        clock.advanceMillis(GRACE_MS - 1);
        assertThat(bridge.findConference("room")).isPresent();
        clock.advanceMillis(1);
        assertThat(bridge.closeIdleConferences()).isEqualTo(1);
    }

    @Test
    void theSameIdAfterAnIdleCloseGivesANewOpenConference() {
        Conference old = bridge.conference("room", ConferenceOptions.defaults());
        clock.advanceMillis(GRACE_MS);
        bridge.closeIdleConferences();
        Conference fresh = bridge.conference("room", ConferenceOptions.defaults());
        assertThat(fresh).isNotSameAs(old);
        assertThat(((DefaultConference) fresh).isClosed()).isFalse();
    }

    @Test
    void anEmptyConferenceDoesNotTick() throws InterruptedException {
        DefaultConference c = (DefaultConference) bridge.conference("room", ConferenceOptions.defaults());
        Thread.sleep(200); // ten mixer periods of real time
        assertThat(c.ticks()).isZero();
    }
}
