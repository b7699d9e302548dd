package org.voxgate.bridge.internal.conference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.voxgate.bridge.api.ConferenceOptions;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.Tone;
import org.voxgate.bridge.internal.clock.ClockTask;
import org.voxgate.bridge.internal.clock.ClockThread;
import org.voxgate.bridge.internal.codec.AudioCodec;
import org.voxgate.bridge.internal.codec.CodecFrameEncoder;
import org.voxgate.bridge.internal.leg.DefaultMediaLeg;
import org.voxgate.bridge.internal.mix.FrameEncoder;
import org.voxgate.bridge.internal.mix.MixParticipant;
import org.voxgate.bridge.internal.mix.Mixer;
import org.voxgate.bridge.internal.resample.Resampler;

/**
 * A conference owned by one {@link ClockThread}. The mixer and the slot list are touched only on
 * that thread; {@link #attach}/{@link #detach} post there. The member list is a copy-on-write
 * snapshot for API readers.
 *
 * <p>Idle: the conference ticks only while it has mixer slots; without participants it is not
 * scheduled at all and costs nothing. The bridge's sweeper closes it with {@link #closeIfIdle}
 * once it has been empty, and not handed out by {@code MediaBridge.conference}, for the idle
 * grace. Membership changes and that decision are made under this object's monitor, so a leg
 * never ends up attached to a conference the sweeper closed.
 */
public final class DefaultConference implements DefaultMediaLeg.ConferenceHook, ClockTask {
    private final String id;
    private final ConferenceOptions options;
    private final ClockThread thread;
    /** Set while the conference ticks (it has slots); clock thread only. */
    private ClockThread.Registration registration;
    private final LongSupplier clock;
    private final ToneBurstGuard toneGuard = new ToneBurstGuard(ToneBurstGuard.DEFAULT_WINDOW_NANOS);
    private final long idleNanos;
    private long emptySinceNanos; // guarded by this
    private long handedOutNanos; // guarded by this
    private final AtomicLong ticks = new AtomicLong();
    /** Mixes at the highest rate a participant's codec needs, capped by the options; rebuilt on change. */
    private Mixer mixer;
    private final List<Slot> slots = new ArrayList<>(); // clock thread only
    private final CopyOnWriteArrayList<DefaultMediaLeg> members = new CopyOnWriteArrayList<>();
    private final AtomicLong lateTicks = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Consumer<DefaultConference> onClose;
    private volatile boolean locked;

    /**
     * @param clock     nanosecond clock for the idle grace
     * @param idleNanos how long the conference may stay empty and not handed out
     */
    public DefaultConference(String id, ConferenceOptions options, ClockThread thread, LongSupplier clock,
                             long idleNanos, Consumer<DefaultConference> onClose) {
        this.id = id;
        this.clock = clock;
        this.idleNanos = idleNanos;
        long now = clock.getAsLong();
        this.emptySinceNanos = now;
        this.handedOutNanos = now;
        this.options = options;
        this.thread = thread;
        this.mixer = new Mixer(8000, options.ptimeMs(), options.maxTalkers());
        this.onClose = onClose;
    }

    // ---- clock thread ----

    @Override
    public void tick(long nowNanos) {
        ticks.incrementAndGet();
        int rate = neededMixRate();
        if (rate != mixer.mixRateHz()) {
            rebuildMixer(rate);
        }
        mixer.tick();
        for (int i = 0; i < slots.size(); i++) {
            slots.get(i).leg.afterMix(this, options.ptimeMs());
        }
    }

    /** The highest audio rate among the participants' codecs, at most the configured rate. */
    private int neededMixRate() {
        int rate = 8000;
        for (int i = 0; i < slots.size(); i++) {
            rate = Math.max(rate, slots.get(i).leg.codec().sampleRateHz());
        }
        return Math.min(rate, options.mixRateHz());
    }

    /** A participant with a wider (or the last with the widest) codec came or went. Rare; allocates. */
    private void rebuildMixer(int rate) {
        mixer.close();
        mixer = new Mixer(rate, options.ptimeMs(), options.maxTalkers());
        for (Slot s : slots) {
            s.configure();
            mixer.add(s);
        }
    }

    /** Current mixing rate (clock thread; for tests through {@link #mixRateHz()}). */
    private volatile int publishedMixRate = 8000;

    /** The rate the conference mixes at now. */
    public int mixRateHz() {
        return publishedMixRate;
    }

    @Override
    public long periodNanos() {
        return options.ptimeMs() * 1_000_000L;
    }

    @Override
    public void onLateTick() {
        lateTicks.incrementAndGet();
    }

    /**
     * A leg as the mixer sees it: reads the leg's audio at its codec rate and converts it to the
     * mix rate; encodes the mix for the leg's codec. Rebuilt pieces only when the codec or the
     * mix rate change.
     */
    private final class Slot implements MixParticipant {
        final DefaultMediaLeg leg;
        AudioCodec codec;
        int mixRate;
        Resampler up;
        short[] legFrame;
        CodecFrameEncoder encoder;

        Slot(DefaultMediaLeg leg) {
            this.leg = leg;
        }

        /** Clock thread: matches resampler and frame buffer to the leg's codec and the mix rate. */
        void configure() {
            codec = leg.codec();
            mixRate = mixer.mixRateHz();
            publishedMixRate = mixRate;
            int legRate = codec.sampleRateHz();
            up = legRate == mixRate ? null : new Resampler(legRate, mixRate);
            legFrame = new short[codec.samplesPer(options.ptimeMs())];
        }

        @Override
        public boolean readFrame(short[] frame) {
            if (codec != leg.codec() || mixRate != mixer.mixRateHz()) {
                configure();
            }
            int samples = legFrame.length;
            if (up == null) {
                return leg.readFrame(DefaultConference.this, frame, samples, codec.sampleRateHz());
            }
            boolean audio = leg.readFrame(DefaultConference.this, legFrame, samples, codec.sampleRateHz());
            up.process(legFrame, 0, samples, frame, 0); // always, to keep the filter continuous
            return audio;
        }

        @Override
        public FrameEncoder encoder() {
            AudioCodec c = leg.codec();
            if (encoder == null || !encoder.matches(c, mixer.mixRateHz(), leg.peerOpus())) {
                if (encoder != null) {
                    encoder.close();
                }
                encoder = new CodecFrameEncoder(c, mixer.mixRateHz(), options.ptimeMs(),
                        c == AudioCodec.OPUS ? leg.peerOpus() : null);
            }
            return encoder;
        }

        @Override
        public boolean receiving() {
            return leg.receiving(DefaultConference.this);
        }

        @Override
        public void writeFrame(byte[] payload, int offset, int length) {
            leg.writeFrame(DefaultConference.this, encoder.codec(), payload, offset, length, options.ptimeMs());
        }

        void close() {
            if (encoder != null) {
                encoder.close();
                encoder = null;
            }
        }
    }

    // ---- any thread ----

    @Override
    public void attach(DefaultMediaLeg leg) {
        synchronized (this) {
            if (closed.get()) {
                throw new IllegalStateException("conference " + id + " is closed");
            }
            members.addIfAbsent(leg);
        }
        if (members.size() > 1) {
            // "only participant" announcements end now (the newcomer's own too, if it raced us)
            for (DefaultMediaLeg m : members) {
                m.othersPresent();
            }
        }
        // The leg's encoder for the mix, made here rather than on the clock thread (libopus
        // set-up); used when the mix rate is still what it will be after this join.
        AudioCodec c = leg.codec();
        int rate = Math.min(Math.max(publishedMixRate, c.sampleRateHz()), options.mixRateHz());
        CodecFrameEncoder made = c == AudioCodec.OPUS
                ? new CodecFrameEncoder(c, rate, options.ptimeMs(), leg.peerOpus()) : null;
        thread.execute(() -> {
            for (Slot s : slots) {
                if (s.leg == leg) {
                    if (made != null) {
                        made.close();
                    }
                    return;
                }
            }
            Slot s = new Slot(leg);
            s.encoder = made;
            slots.add(s);
            int needed = neededMixRate();
            if (needed != mixer.mixRateHz()) {
                rebuildMixer(needed); // configures and adds every slot, this one too
            } else {
                s.configure();
                mixer.add(s);
            }
            if (registration == null && !closed.get()) {
                registration = thread.schedule(this);
            }
        });
    }

    @Override
    public void detach(DefaultMediaLeg leg) {
        synchronized (this) {
            if (members.remove(leg) && members.isEmpty()) {
                emptySinceNanos = clock.getAsLong();
            }
        }
        thread.execute(() -> {
            for (int i = 0; i < slots.size(); i++) {
                if (slots.get(i).leg == leg) {
                    Slot s = slots.remove(i);
                    mixer.remove(s);
                    s.close();
                    break;
                }
            }
            if (slots.isEmpty()) {
                stopTicking();
            }
        });
    }

    /** Clock thread: an empty conference is not scheduled at all. */
    private void stopTicking() {
        if (slots.isEmpty()) {
            mixer.close(); // frees shared encoders' native state
        }
        if (registration != null) {
            registration.cancel();
            registration = null;
        }
    }

    /**
     * Marks the conference as just handed out to a caller, who may join it within the idle
     * grace.
     *
     * @return false when it is already closed (the caller must create a new one)
     */
    public synchronized boolean handOut() {
        if (closed.get()) {
            return false;
        }
        handedOutNanos = clock.getAsLong();
        return true;
    }

    /**
     * Closes the conference when it has had no participants, and was not handed out, for the
     * idle grace up to {@code nowNanos}.
     *
     * @return whether it closed now
     */
    public boolean closeIfIdle(long nowNanos) {
        synchronized (this) {
            if (closed.get() || !members.isEmpty() || nowNanos - emptySinceNanos < idleNanos
                    || nowNanos - handedOutNanos < idleNanos) {
                return false;
            }
            closed.set(true);
        }
        release();
        return true;
    }

    /** Mixer ticks run so far (ticks happen only while the conference has participants). */
    public long ticks() {
        return ticks.get();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ConferenceOptions options() {
        return options;
    }

    @Override
    public List<MediaLeg> participants() {
        return List.copyOf(members);
    }

    @Override
    public int size() {
        return members.size();
    }

    @Override
    public void setLocked(boolean locked) {
        this.locked = locked;
    }

    @Override
    public boolean locked() {
        return locked;
    }

    @Override
    public void muteAllExcept(MediaLeg except) {
        for (DefaultMediaLeg leg : members) {
            if (leg != except && !leg.isClosed()) {
                try {
                    leg.setMuted(true);
                } catch (IllegalStateException closedMeanwhile) {
                    // the leg closed after the check: nothing to mute
                }
            }
        }
    }

    /** Plays {@code tone} to every member, unless the same tone started less than a second ago ({@link ToneBurstGuard}). */
    @Override
    public void playTone(Tone tone) {
        if (!toneGuard.admit(tone, clock.getAsLong())) {
            return;
        }
        for (DefaultMediaLeg leg : members) {
            if (!leg.isClosed()) {
                try {
                    leg.playTone(tone);
                } catch (IllegalStateException closedMeanwhile) {
                    // the leg closed after the check
                }
            }
        }
    }

    @Override
    public long lateTicks() {
        return lateTicks.get();
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
        }
        for (DefaultMediaLeg leg : members) {
            if (!leg.isClosed() && leg.conference() == this) {
                try {
                    leg.leave();
                } catch (IllegalStateException closedMeanwhile) {
                    // closing the leg already took it out
                }
            }
        }
        release();
    }

    private void release() {
        thread.execute(this::stopTicking);
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "conference " + id;
    }
}
