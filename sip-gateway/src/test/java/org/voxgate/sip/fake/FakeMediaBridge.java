package org.voxgate.sip.fake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.voxgate.bridge.api.BridgeException;
import org.voxgate.bridge.api.Conference;
import org.voxgate.bridge.api.ConferenceOptions;
import org.voxgate.bridge.api.LegListener;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.MediaBridge;
import org.voxgate.bridge.api.MediaLeg;

/**
 * An in-memory bridge for tests: legs answer SDP offers with valid PCMU/PCMA answers (see
 * {@link FakeSdp}), record prompts, tones, joins and mutes, and deliver listener events on
 * {@code events}. Playback either finishes by itself after {@code autoFinish} (for SIP tests)
 * or when the test calls {@link FakeLeg#finishPlayback()}.
 */
public final class FakeMediaBridge implements MediaBridge {
    private final Executor events;
    private final ScheduledExecutorService timer;
    private final Duration autoFinish;
    private final List<FakeLeg> legs = new CopyOnWriteArrayList<>();
    private final Map<String, FakeConference> conferences = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Duration openLegDelay = Duration.ZERO;
    private final java.util.Map<String, LegOptions> legOptions = new java.util.concurrent.ConcurrentHashMap<>();

    /** The options the last leg of this call was opened with, if any. */
    public java.util.Optional<LegOptions> optionsFor(String callId) {
        return java.util.Optional.ofNullable(legOptions.get(callId));
    }
    private volatile boolean noPorts;
    private volatile boolean closed;

    /** Synchronous events, manual playback: for state machine tests. */
    public static FakeMediaBridge manual() {
        return new FakeMediaBridge(Runnable::run, null);
    }

    /** Events on one bridge thread, each prompt list "plays" for {@code playback}: for SIP tests. */
    public static FakeMediaBridge autoPlaying(Duration playback) {
        return new FakeMediaBridge(null, playback);
    }

    private FakeMediaBridge(Executor events, Duration autoFinish) {
        this.autoFinish = autoFinish;
        if (events == null) {
            ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fake-bridge-events");
                t.setDaemon(true);
                return t;
            });
            this.timer = s;
            this.events = s;
        } else {
            this.timer = null;
            this.events = events;
        }
    }

    /** Makes {@link #openLeg} sleep first, so a CANCEL can overtake the answer. */
    public void setOpenLegDelay(Duration delay) {
        this.openLegDelay = delay;
    }

    /** Makes {@link #openLeg} fail with NO_PORTS. */
    public void setNoPorts(boolean noPorts) {
        this.noPorts = noPorts;
    }

    @Override
    public MediaLeg openLeg(LegOptions options, LegListener listener) throws BridgeException {
        if (closed) {
            throw new BridgeException(BridgeException.Reason.CLOSED, "closed", null);
        }
        if (noPorts) {
            throw new BridgeException(BridgeException.Reason.NO_PORTS, "no RTP ports left", null);
        }
        if (!openLegDelay.isZero()) {
            try {
                Thread.sleep(openLegDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        legOptions.put(options.callId(), options);
        FakeLeg leg = new FakeLeg(this, "leg-" + ids.incrementAndGet(), options.callId(), listener);
        legs.add(leg);
        return leg;
    }

    @Override
    public Conference conference(String conferenceId, ConferenceOptions options) {
        return conferences.computeIfAbsent(conferenceId, id -> new FakeConference(id, options));
    }

    @Override
    public Optional<Conference> findConference(String conferenceId) {
        return Optional.ofNullable(conferences.get(conferenceId));
    }

    public FakeConference fakeConference(String id) {
        return conferences.get(id);
    }

    @Override
    public int openLegs() {
        return (int) legs.stream().filter(l -> !l.isClosed()).count();
    }

    /** Every leg ever opened, oldest first. */
    public List<FakeLeg> legs() {
        return List.copyOf(legs);
    }

    /** The leg opened for this SIP Call-ID, if any. */
    public Optional<FakeLeg> legForCall(String callId) {
        return legs.stream().filter(l -> l.callId().equals(callId)).findFirst();
    }

    void event(Runnable r) {
        events.execute(r);
    }

    /** Schedules {@code r} after the auto-playback time; false when playback is manual. */
    boolean schedulePlaybackEnd(Runnable r) {
        if (autoFinish == null || timer == null) {
            return false;
        }
        timer.schedule(r, autoFinish.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    @Override
    public void close() {
        closed = true;
        legs.forEach(FakeLeg::close);
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
