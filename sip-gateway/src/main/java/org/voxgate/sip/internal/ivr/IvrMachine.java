package org.voxgate.sip.internal.ivr;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.bridge.api.Conference;
import org.voxgate.bridge.api.MediaBridge;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.ParticipantRole;
import org.voxgate.bridge.api.Prompt;
import org.voxgate.bridge.api.Tone;
import org.voxgate.sip.DialPlanRoute;
import org.voxgate.sip.Meeting;
import org.voxgate.sip.MeetingDirectory;
import org.voxgate.sip.internal.schedule.Scheduler;

/**
 * The IVR of one call (see the package drawing). All methods are synchronized: digits and
 * playback events come from a bridge thread, timers from a scheduler thread.
 *
 * <p>Playback bookkeeping: every {@link MediaLeg#play} is followed by exactly one
 * {@link #onPlaybackFinished} (completed or not, the bridge reports replaced lists too), so the
 * machine counts outstanding lists and acts only when none plays.
 *
 * <p>Keypad while collecting: digits 0-9, '#' submits, '*' starts the entry over. A pause longer
 * than the digit timeout submits what was typed. In the meeting: *6 mute/unmute self; moderators
 * *5 mute all others, *7 lock/unlock, *9 then a number then # dials the number out into the
 * meeting (digits without "+", taken as E.164).
 */
public final class IvrMachine implements LegEvents {
    private static final Logger LOG = LoggerFactory.getLogger(IvrMachine.class);
    /** Longest entry we collect; more digits count as a wrong entry. */
    static final int MAX_ENTRY_DIGITS = 20;

    private final IvrSettings settings;
    private final MeetingDirectory directory;
    /** The account of the called number (the route's), or null; set by {@link #start}. */
    private String accountId;
    private final MediaBridge bridge;
    private final MediaLeg leg;
    private final Scheduler scheduler;
    private final IvrOutcome outcome;

    private IvrState state = IvrState.IDLE;
    private final StringBuilder entry = new StringBuilder();
    private int attempts;
    private int playing;
    private boolean starPending;
    private Meeting meeting;
    private ParticipantRole role;
    private Conference conference;
    private IvrEnd endReason;
    private Scheduler.Timer timer;
    private long timerGeneration;
    /** Digits typed after *9, or null when no keypad dial-out is being typed. */
    private StringBuilder dialEntry;
    /** E.164 has at most 15 digits. */
    static final int MAX_DIAL_DIGITS = 15;

    public IvrMachine(IvrSettings settings, MeetingDirectory directory, MediaBridge bridge, MediaLeg leg,
                      Scheduler scheduler, IvrOutcome outcome) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.leg = Objects.requireNonNull(leg, "leg");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * Greets the caller (IVR route) or goes to the meeting's PIN or straight in (MEETING route).
     *
     * @throws IllegalStateException when already started
     * @throws IllegalArgumentException for a NOT_FOUND route (signalling answers 404 instead)
     */
    public synchronized void start(DialPlanRoute route) {
        if (state != IvrState.IDLE) {
            throw new IllegalStateException("IVR already started, state " + state);
        }
        accountId = route.accountId();
        switch (route.kind()) {
            case IVR -> {
                state = IvrState.COLLECT_CODE;
                play(Prompt.WELCOME, Prompt.ENTER_ACCESS_CODE);
            }
            case MEETING -> meetingChosen(route.meeting());
            default -> throw new IllegalArgumentException("cannot start the IVR on route " + route.kind());
        }
    }

    /**
     * Joins {@code m} straight away as {@code r}, without code or PIN: a dial-out callee who
     * pressed 1. Locked or full meetings end the call as for dial-in.
     *
     * @throws IllegalStateException when already started
     */
    public synchronized void startInMeeting(Meeting m, ParticipantRole r) {
        if (state != IvrState.IDLE) {
            throw new IllegalStateException("IVR already started, state " + state);
        }
        meeting = Objects.requireNonNull(m, "meeting");
        join(Objects.requireNonNull(r, "role"));
    }

    public synchronized IvrState state() {
        return state;
    }

    /** The chosen meeting, or null before the access code was accepted. */
    public synchronized Meeting meeting() {
        return meeting;
    }

    /** The role the caller joined with, or null before joining. */
    public synchronized ParticipantRole role() {
        return role;
    }

    /** A DTMF digit from any source. Ignored after the call ended. */
    @Override
    public synchronized void onDigit(char digit) {
        LOG.debug("digit {} in state {}", digit, state);
        switch (state) {
            case COLLECT_CODE, COLLECT_PIN -> collect(digit);
            case IN_MEETING -> command(digit);
            default -> LOG.debug("digit {} ignored in state {}", digit, state);
        }
    }

    /** The bridge finished (or stopped) a prompt list given to {@link MediaLeg#play}. */
    @Override
    public synchronized void onPlaybackFinished(boolean completed) {
        if (playing > 0) {
            playing--;
        }
        if (playing > 0) {
            return;
        }
        switch (state) {
            case COLLECT_CODE, COLLECT_PIN -> {
                if (entry.length() == 0) {
                    arm(settings.inputTimeout(), this::onInputTimeout);
                }
            }
            case ENDING -> finish();
            default -> { }
        }
    }

    /**
     * The call ended from the SIP side (BYE, timeout): leaves the conference, plays the exit
     * tone to whoever remains, cancels timers. Idempotent; no {@link IvrOutcome} follows.
     */
    public synchronized void stop() {
        cancelTimer();
        if (state == IvrState.IN_MEETING && conference != null) {
            Conference conf = conference;
            leg.leave();
            if (conf.participants().stream().anyMatch(l -> l != leg)) {
                conf.playTone(Tone.EXIT);
            }
        }
        state = IvrState.ENDED;
    }

    private void collect(char digit) {
        if (playing > 0) {
            leg.stopPlayback(); // barge-in: the caller knows what to type
        }
        if (digit == '#') {
            submit();
        } else if (digit == '*') {
            entry.setLength(0);
            arm(settings.digitTimeout(), this::submitIfTyped);
        } else if (digit >= '0' && digit <= '9') {
            entry.append(digit);
            if (entry.length() > MAX_ENTRY_DIGITS) {
                submit();
            } else {
                arm(settings.digitTimeout(), this::submitIfTyped);
            }
        }
    }

    private void submitIfTyped() {
        if (entry.length() > 0) {
            submit();
        } else {
            onInputTimeout();
        }
    }

    private void submit() {
        cancelTimer();
        String typed = entry.toString();
        entry.setLength(0);
        LOG.debug("entry submitted in state {}: {} digits", state, typed.length());
        if (state == IvrState.COLLECT_CODE) {
            Meeting found = typed.isEmpty() || typed.length() > MAX_ENTRY_DIGITS ? null : lookUp(typed);
            if (found == null) {
                wrongTry(Prompt.INVALID_CODE, Prompt.ENTER_ACCESS_CODE);
            } else {
                meetingChosen(found);
            }
        } else if (state == IvrState.COLLECT_PIN) {
            ParticipantRole r = roleFor(typed);
            if (r == null) {
                wrongTry(Prompt.INVALID_PIN, Prompt.ENTER_PIN);
            } else {
                join(r);
            }
        }
    }

    /** A directory that fails counts as "no such code": the caller may try again, then is let go. */
    private Meeting lookUp(String accessCode) {
        try {
            // scoped to the called number's account: one tenant's number never reaches another's meeting
            return directory.findByAccessCode(accountId, accessCode).orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("meeting directory failed", e);
            return null;
        }
    }

    private ParticipantRole roleFor(String pin) {
        if (meeting.moderatorPin() != null && meeting.moderatorPin().equals(pin)) {
            return ParticipantRole.MODERATOR;
        }
        if (meeting.participantPin() != null ? meeting.participantPin().equals(pin) : pin.isEmpty()) {
            // a meeting with only a moderator PIN lets participants in with an empty entry
            return ParticipantRole.PARTICIPANT;
        }
        return null;
    }

    private void wrongTry(Prompt invalid, Prompt askAgain) {
        attempts++;
        if (attempts >= settings.maxAttempts()) {
            end(Prompt.TOO_MANY_ATTEMPTS, IvrEnd.TOO_MANY_ATTEMPTS);
        } else {
            play(invalid, askAgain);
        }
    }

    private void meetingChosen(Meeting m) {
        meeting = m;
        attempts = 0;
        if (m.needsPin()) {
            state = IvrState.COLLECT_PIN;
            play(Prompt.ENTER_PIN);
        } else {
            join(ParticipantRole.PARTICIPANT);
        }
    }

    private void join(ParticipantRole r) {
        Conference existing = bridge.findConference(meeting.id()).orElse(null);
        if (existing != null && existing.locked()) {
            end(Prompt.LOCKED_OUT, IvrEnd.LOCKED_OUT);
            return;
        }
        if (existing != null && existing.size() >= meeting.maxParticipants()) {
            end(Prompt.MEETING_FULL, IvrEnd.MEETING_FULL);
            return;
        }
        Conference conf = existing != null ? existing : bridge.conference(meeting.id(), settings.conference());
        boolean alone = conf.participants().stream().noneMatch(l -> l != leg);
        if (!alone) {
            conf.playTone(Tone.ENTRY); // before our join: the others hear it, we do not
        }
        leg.join(conf, r);
        conference = conf;
        role = r;
        state = IvrState.IN_MEETING;
        cancelTimer();
        if (alone) {
            // Cut by the bridge as soon as somebody else joins: from then on it is no longer true,
            // and the caller should hear the entry tone and the newcomer instead.
            cancelTimer();
            playing++;
            leg.playWhileAlone(List.of(Prompt.JOINING, Prompt.ONLY_PARTICIPANT));
        } else {
            play(Prompt.JOINING);
        }
        outcome.joined(meeting, r);
    }

    private void command(char digit) {
        if (dialEntry != null) {
            dialDigit(digit);
            return;
        }
        if (digit == '*') {
            starPending = true;
            return;
        }
        if (!starPending) {
            return;
        }
        starPending = false;
        switch (digit) {
            case '6' -> {
                boolean mute = !leg.muted();
                leg.setMuted(mute);
                play(mute ? Prompt.MUTED : Prompt.UNMUTED);
            }
            case '5' -> {
                if (role == ParticipantRole.MODERATOR) {
                    conference.muteAllExcept(leg);
                    play(Prompt.ALL_MUTED);
                }
            }
            case '7' -> {
                if (role == ParticipantRole.MODERATOR) {
                    boolean lock = !conference.locked();
                    conference.setLocked(lock);
                    play(lock ? Prompt.MEETING_LOCKED : Prompt.MEETING_UNLOCKED);
                }
            }
            case '9' -> {
                if (role == ParticipantRole.MODERATOR) {
                    dialEntry = new StringBuilder();
                    arm(settings.inputTimeout(), this::abandonDial);
                }
            }
            default -> LOG.debug("unknown keypad command *{}", digit);
        }
    }

    /** After *9: digits of the number, '#' dials, '*' abandons; a pause longer than the input timeout abandons. */
    private void dialDigit(char digit) {
        if (digit >= '0' && digit <= '9' && dialEntry.length() < MAX_DIAL_DIGITS) {
            dialEntry.append(digit);
            arm(settings.inputTimeout(), this::abandonDial);
            return;
        }
        String typed = dialEntry.toString();
        dialEntry = null;
        cancelTimer();
        if (digit != '#') {
            LOG.debug("keypad dial-out abandoned");
            return;
        }
        String e164 = "+" + typed;
        boolean placed = org.voxgate.sip.DialOutRequest.isE164(e164)
                && outcome.dialOutRequested(meeting, e164, this::dialOutNotJoined);
        LOG.info("keypad dial-out by moderator: {} digits, {}", typed.length(), placed ? "placing" : "refused");
        play(placed ? Prompt.CALLING_OUT : Prompt.CALL_NOT_PLACED);
    }

    /** A keypad dial-out ended without the callee: tell the moderator, if still in the meeting. */
    synchronized void dialOutNotJoined() {
        if (state == IvrState.IN_MEETING) {
            play(Prompt.CALL_NOT_COMPLETED);
        }
    }

    private void abandonDial() {
        if (dialEntry != null) {
            dialEntry = null;
            LOG.debug("keypad dial-out timed out");
        }
    }

    private void onInputTimeout() {
        if ((state == IvrState.COLLECT_CODE || state == IvrState.COLLECT_PIN) && entry.length() == 0) {
            end(Prompt.NO_INPUT, IvrEnd.NO_INPUT);
        }
    }

    private void end(Prompt goodbye, IvrEnd reason) {
        state = IvrState.ENDING;
        endReason = reason;
        play(goodbye);
        arm(settings.hangupGrace(), this::finish);
    }

    private void finish() {
        if (state != IvrState.ENDING) {
            return;
        }
        state = IvrState.ENDED;
        cancelTimer();
        outcome.hangup(endReason);
    }

    private void play(Prompt... prompts) {
        cancelTimer();
        playing++;
        leg.play(List.of(prompts));
    }

    private void arm(Duration delay, Runnable action) {
        cancelTimer();
        long generation = ++timerGeneration;
        timer = scheduler.schedule(delay, () -> fire(generation, action));
    }

    private synchronized void fire(long generation, Runnable action) {
        if (generation == timerGeneration && timer != null) {
            timer = null;
            action.run();
        }
    }

    private void cancelTimer() {
        timerGeneration++;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
