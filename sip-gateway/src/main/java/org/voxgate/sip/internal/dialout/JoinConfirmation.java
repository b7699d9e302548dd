package org.voxgate.sip.internal.dialout;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.Prompt;
import org.voxgate.sip.internal.ivr.LegEvents;
import org.voxgate.sip.internal.schedule.Scheduler;

/**
 * "Press 1 to join" for an answered dial-out: plays {@link Prompt#PRESS_ONE_TO_JOIN}, waits
 * {@code timeout} after each playback, plays it again up to {@code plays} times in all. Digit 1
 * (from RFC 4733, in-band or SIP INFO alike) confirms; any other digit, or silence after the last
 * playback, refuses. Exactly one of {@link Listener#confirmed()} / {@link Listener#notConfirmed()}
 * follows, once, unless {@link #stop()} came first.
 *
 * <pre>
 *  start ─► PLAYING ─finished─► WAITING ─timeout, plays left─► PLAYING ...
 *              │ '1' ─► confirmed        │ timeout, none left ─► notConfirmed
 *              └ other digit ─► notConfirmed
 * </pre>
 *
 * <p>Synchronized: digits and playback ends come from a bridge thread, timers from the scheduler.
 * The listener is called holding this monitor and must only post work elsewhere.
 */
public final class JoinConfirmation implements LegEvents {
    private static final Logger LOG = LoggerFactory.getLogger(JoinConfirmation.class);

    /** What the confirmation tells the call. */
    public interface Listener {
        void confirmed();

        void notConfirmed();
    }

    private final MediaLeg leg;
    private final Scheduler scheduler;
    private final Duration timeout;
    private final int plays;
    private final Listener listener;
    private int played;
    private int outstanding;
    private boolean done;
    private Scheduler.Timer timer;

    /**
     * @param timeout silence after each playback before the next one (or the refusal)
     * @param plays   how many times the prompt plays at most, at least 1
     */
    public JoinConfirmation(MediaLeg leg, Scheduler scheduler, Duration timeout, int plays, Listener listener) {
        this.leg = Objects.requireNonNull(leg, "leg");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (plays < 1) {
            throw new IllegalArgumentException("plays " + plays);
        }
        this.plays = plays;
    }

    /** Plays the prompt the first time. */
    public synchronized void start() {
        if (played == 0 && !done) {
            play();
        }
    }

    /** How many times the prompt has been started. */
    public synchronized int played() {
        return played;
    }

    @Override
    public synchronized void onDigit(char digit) {
        if (done) {
            return;
        }
        finish();
        if (outstanding > 0) {
            leg.stopPlayback();
        }
        if (digit == '1') {
            LOG.debug("dial-out confirmed with 1");
            listener.confirmed();
        } else {
            LOG.debug("dial-out refused with {}", digit);
            listener.notConfirmed();
        }
    }

    @Override
    public synchronized void onPlaybackFinished(boolean completed) {
        if (outstanding > 0) {
            outstanding--;
        }
        if (done || outstanding > 0) {
            return;
        }
        cancelTimer();
        timer = scheduler.schedule(timeout, this::onTimeout);
    }

    /** The call ended: no listener call follows. Idempotent. */
    public synchronized void stop() {
        finish();
    }

    private synchronized void onTimeout() {
        if (done || outstanding > 0) {
            return;
        }
        timer = null;
        if (played < plays) {
            play();
        } else {
            LOG.debug("dial-out not confirmed after {} prompts", played);
            finish();
            listener.notConfirmed();
        }
    }

    private void play() {
        cancelTimer();
        played++;
        outstanding++;
        leg.play(List.of(Prompt.PRESS_ONE_TO_JOIN));
    }

    private void finish() {
        done = true;
        cancelTimer();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
