package org.voxgate.sip.internal.dialout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.Prompt;
import org.voxgate.sip.fake.FakeLeg;
import org.voxgate.sip.fake.FakeMediaBridge;
import org.voxgate.sip.fake.FakeScheduler;
import org.voxgate.sip.internal.ivr.IvrLegListener;

class JoinConfirmationTest {
    private final FakeMediaBridge bridge = FakeMediaBridge.manual();
    private final FakeScheduler scheduler = new FakeScheduler();
    private final List<String> outcomes = new ArrayList<>();
    private FakeLeg leg;
    private JoinConfirmation confirmation;

    @BeforeEach
    void setUp() throws Exception {
        IvrLegListener listener = new IvrLegListener(() -> { });
        leg = (FakeLeg) bridge.openLeg(LegOptions.forCall("out-1"), listener);
        confirmation = new JoinConfirmation(leg, scheduler, Duration.ofSeconds(5), 3, new JoinConfirmation.Listener() {
            @Override
            public void confirmed() {
                outcomes.add("confirmed");
            }

            @Override
            public void notConfirmed() {
                outcomes.add("not confirmed");
            }
        });
        listener.attach(confirmation);
    }

    @Test
    void oneConfirmsEvenWhileThePromptPlays() {
        confirmation.start();
        assertThat(leg.lastPlayed()).containsExactly(Prompt.PRESS_ONE_TO_JOIN);
        leg.receiveRfc4733('1');
        assertThat(outcomes).containsExactly("confirmed");
        assertThat(leg.playing()).as("prompt stopped").isFalse();
        leg.receiveRfc4733('2');
        scheduler.advanceMillis(60_000);
        assertThat(outcomes).as("exactly one outcome").containsExactly("confirmed");
    }

    @Test
    void anotherDigitRefuses() {
        confirmation.start();
        leg.finishPlayback();
        leg.receiveRfc4733('#');
        assertThat(outcomes).containsExactly("not confirmed");
    }

    @Test
    void silencePlaysThePromptThreeTimesThenRefuses() {
        confirmation.start();
        for (int i = 1; i <= 3; i++) {
            assertThat(confirmation.played()).isEqualTo(i);
            leg.finishPlayback();
            assertThat(outcomes).isEmpty();
            scheduler.advanceMillis(4_999);
            assertThat(confirmation.played()).as("not before the timeout").isEqualTo(i);
            scheduler.advanceMillis(1);
        }
        assertThat(confirmation.played()).isEqualTo(3);
        assertThat(outcomes).containsExactly("not confirmed");
        assertThat(leg.played()).hasSize(3);
    }

    @Test
    void theTimeoutRunsFromTheEndOfPlaybackNotItsStart() {
        confirmation.start();
        scheduler.advanceMillis(20_000); // a long prompt still playing
        assertThat(confirmation.played()).isEqualTo(1);
        leg.finishPlayback();
        scheduler.advanceMillis(5_000);
        assertThat(confirmation.played()).isEqualTo(2);
    }

    @Test
    void stopSilencesTheOutcome() {
        confirmation.start();
        leg.finishPlayback();
        confirmation.stop();
        scheduler.advanceMillis(60_000);
        leg.receiveRfc4733('1');
        assertThat(outcomes).isEmpty();
    }
}
