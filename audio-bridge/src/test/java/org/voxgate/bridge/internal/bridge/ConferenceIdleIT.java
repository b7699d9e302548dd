package org.voxgate.bridge.internal.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.ConferenceOptions;
import org.voxgate.bridge.api.DtmfEvent;
import org.voxgate.bridge.api.LegListener;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.ParticipantRole;
import org.voxgate.bridge.internal.conference.DefaultConference;
import org.voxgate.bridge.internal.leg.BridgeTuning;
import org.voxgate.testing.FakeClock;

/**
 * A real leg on loopback in a conference: the conference ticks while the leg is in it, stops
 * ticking when it leaves, and the bridge's own sweeper closes it once the grace has passed on
 * the (fake) clock; never while somebody is in it.
 */
class ConferenceIdleIT {
    private static final LegListener QUIET = new LegListener() {
        @Override
        public void onDtmf(MediaLeg leg, DtmfEvent event) {}

        @Override
        public void onMediaTimeout(MediaLeg leg) {}
    };

    @Test
    void aConferenceClosesOnlyAfterItsLastParticipantLeftForTheGrace() throws Exception {
        FakeClock clock = new FakeClock();
        BridgeTuning tuning = new BridgeTuning(2_000, 500, 1, 1, 30_000, 20); // sweep every 20 ms
        try (DefaultMediaBridge bridge = new DefaultMediaBridge(Bridges.config(Duration.ofMinutes(10)), clock,
                tuning);
             RtpPeer peer = new RtpPeer(0xA)) {
            MediaLeg leg = bridge.openLeg(LegOptions.forCall("idle-1"), QUIET);
            String answer = leg.answer(peer.offer(""));
            InetSocketAddress bridgePort = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    RtpPeer.answeredPort(answer));
            DefaultConference conf = (DefaultConference) bridge.conference("room-idle", ConferenceOptions.defaults());
            leg.join(conf, ParticipantRole.PARTICIPANT);
            peer.startTone(bridgePort, 1004, 8_000);

            // Occupied: an hour on the fake clock changes nothing; it mixes and sends.
            clock.advance(1, java.util.concurrent.TimeUnit.HOURS);
            await().atMost(Duration.ofSeconds(5)).until(() -> conf.ticks() > 20 && peer.receivedCount() > 10);
            Thread.sleep(100); // several sweeps
            assertThat(bridge.findConference("room-idle")).containsSame(conf);

            leg.leave();
            peer.stopSending();
            // Empty: no ticks any more (a tick already running may finish).
            await().atMost(Duration.ofSeconds(2)).until(() -> {
                long t = conf.ticks();
                Thread.sleep(100);
                return conf.ticks() == t;
            });
            long ticksWhenEmpty = conf.ticks();
            clock.advanceMillis(29_000);
            Thread.sleep(150); // several sweeps: still inside the grace
            assertThat(bridge.findConference("room-idle")).containsSame(conf);
            assertThat(conf.ticks()).isEqualTo(ticksWhenEmpty);

            clock.advanceMillis(1_000);
            await().atMost(Duration.ofSeconds(2)).until(() -> bridge.findConference("room-idle").isEmpty());
            assertThat(conf.isClosed()).isTrue();
            assertThatThrownBy(() -> leg.join(conf, ParticipantRole.PARTICIPANT))
                    .isInstanceOf(IllegalStateException.class);

            // The same meeting id gives a fresh conference that works.
            DefaultConference again = (DefaultConference) bridge.conference("room-idle", ConferenceOptions.defaults());
            leg.join(again, ParticipantRole.PARTICIPANT);
            await().atMost(Duration.ofSeconds(5)).until(() -> again.ticks() > 5);
            leg.close();
        }
    }
}
