package org.voxgate.sip.internal.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.ParticipantRole;
import org.voxgate.bridge.api.Prompt;
import org.voxgate.bridge.api.Tone;
import org.voxgate.sip.DialPlanRoute;
import org.voxgate.sip.Meeting;
import org.voxgate.sip.fake.FakeConference;
import org.voxgate.sip.fake.FakeDirectory;
import org.voxgate.sip.fake.FakeLeg;
import org.voxgate.sip.fake.FakeMediaBridge;
import org.voxgate.sip.fake.FakeScheduler;

class IvrMachineTest {
    private static final Meeting OPEN = new Meeting("m-open", "1234", null, null, 10);
    private static final Meeting PINNED = new Meeting("m-pin", "5555", "1111", "9999", 10);
    private static final Meeting MOD_ONLY = new Meeting("m-mod", "7777", null, "4242", 10);
    private static final Meeting TINY = new Meeting("m-tiny", "8888", null, null, 1);

    private final FakeMediaBridge bridge = FakeMediaBridge.manual();
    private final FakeScheduler scheduler = new FakeScheduler();
    private final FakeDirectory directory = new FakeDirectory().add(OPEN).add(PINNED).add(MOD_ONLY).add(TINY);
    private final List<IvrEnd> hangups = new ArrayList<>();
    private final List<ParticipantRole> joins = new ArrayList<>();
    private final List<String> dialed = new ArrayList<>();
    private final List<Runnable> notJoined = new ArrayList<>();
    private boolean dialOutAccepted = true;
    private FakeLeg leg;
    private IvrMachine ivr;
    private IvrLegListener lastListener;

    @BeforeEach
    void setUp() throws Exception {
        ivr = newCaller("call-1");
    }

    private IvrMachine newCaller(String callId) throws Exception {
        IvrLegListener listener = new IvrLegListener(() -> { });
        leg = (FakeLeg) bridge.openLeg(LegOptions.forCall(callId), listener);
        IvrMachine m = new IvrMachine(new IvrSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 3,
                Duration.ofSeconds(30)), directory, bridge, leg, scheduler, new IvrOutcome() {
                    @Override
                    public void joined(Meeting meeting, ParticipantRole role) {
                        joins.add(role);
                    }

                    @Override
                    public void hangup(IvrEnd reason) {
                        hangups.add(reason);
                    }

                    @Override
                    public boolean dialOutRequested(Meeting meeting, String e164, Runnable onNotJoined) {
                        dialed.add(meeting.id() + " " + e164);
                        notJoined.add(onNotJoined);
                        return dialOutAccepted;
                    }
                });
        lastListener = listener;
        if (attachNow) {
            listener.attach(m);
        }
        return m;
    }

    /** Digits as RFC 4733 events through the leg's listener, the path RTP digits take. */
    private void press(String digits) {
        for (char c : digits.toCharArray()) {
            leg.receiveRfc4733(c);
        }
    }

    private boolean attachNow = true;

    @Test
    void digitsBeforeAttachAreReplayedInOrder() throws Exception {
        attachNow = false;
        ivr = newCaller("call-early");
        lastListener.onDtmf(leg, new org.voxgate.bridge.api.DtmfEvent('1', 100, org.voxgate.bridge.api.DtmfSource.SIP_INFO));
        lastListener.onDtmf(leg, new org.voxgate.bridge.api.DtmfEvent('2', 100, org.voxgate.bridge.api.DtmfSource.SIP_INFO));
        ivr.start(DialPlanRoute.ivr());
        lastListener.attach(ivr);
        press("34#");
        assertThat(ivr.state()).isEqualTo(IvrState.IN_MEETING);
    }

    @Test
    void greetsWithWelcomeAndAccessCodePrompt() {
        ivr.start(DialPlanRoute.ivr());
        assertThat(leg.played()).containsExactly(List.of(Prompt.WELCOME, Prompt.ENTER_ACCESS_CODE));
        assertThat(ivr.state()).isEqualTo(IvrState.COLLECT_CODE);
        assertThatThrownBy(() -> ivr.start(DialPlanRoute.ivr())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rfc4733DigitsJoinAnOpenMeetingAlone() {
        ivr.start(DialPlanRoute.ivr());
        press("1234#");
        assertThat(ivr.state()).isEqualTo(IvrState.IN_MEETING);
        assertThat(leg.conference().id()).isEqualTo("m-open");
        assertThat(leg.role()).isEqualTo(ParticipantRole.PARTICIPANT);
        assertThat(leg.lastPlayed()).containsExactly(Prompt.JOINING, Prompt.ONLY_PARTICIPANT);
        assertThat(leg.playingWhileAlone()).as("the bridge cuts it when somebody joins").isTrue();
        assertThat(joins).containsExactly(ParticipantRole.PARTICIPANT);
        assertThat(bridge.fakeConference("m-open").tones()).isEmpty();
    }

    @Test
    void digitsBargeInOnThePrompt() {
        ivr.start(DialPlanRoute.ivr());
        assertThat(leg.playing()).isTrue();
        press("1");
        assertThat(leg.playing()).isFalse();
    }

    @Test
    void secondCallerTriggersEntryToneAndNoOnlyParticipantPrompt() throws Exception {
        ivr.start(DialPlanRoute.ivr());
        press("1234#");
        FakeLeg first = leg;
        IvrMachine second = newCaller("call-2");
        second.start(DialPlanRoute.ivr());
        press("1234#");
        assertThat(leg.lastPlayed()).containsExactly(Prompt.JOINING);
        assertThat(leg.playingWhileAlone()).as("a caller who is not alone hears JOINING to its end").isFalse();
        assertThat(bridge.fakeConference("m-open").tones()).containsExactly(Tone.ENTRY);
        assertThat(bridge.fakeConference("m-open").participants()).containsExactly(first, leg);
        second.stop();
        assertThat(bridge.fakeConference("m-open").tones()).containsExactly(Tone.ENTRY, Tone.EXIT);
        assertThat(bridge.fakeConference("m-open").participants()).containsExactly(first);
    }

    @Test
    void lastOneLeavingPlaysNoExitTone() {
        ivr.start(DialPlanRoute.ivr());
        press("1234#");
        ivr.stop();
        assertThat(bridge.fakeConference("m-open").tones()).isEmpty();
        assertThat(ivr.state()).isEqualTo(IvrState.ENDED);
        press("*6");
        assertThat(leg.muted()).isFalse();
    }

    @Test
    void participantAndModeratorPins() throws Exception {
        ivr.start(DialPlanRoute.ivr());
        press("5555#");
        assertThat(leg.lastPlayed()).containsExactly(Prompt.ENTER_PIN);
        assertThat(ivr.state()).isEqualTo(IvrState.COLLECT_PIN);
        press("1111#");
        assertThat(ivr.role()).isEqualTo(ParticipantRole.PARTICIPANT);

        IvrMachine mod = newCaller("call-2");
        mod.start(DialPlanRoute.ivr());
        press("5555#9999#");
        assertThat(mod.role()).isEqualTo(ParticipantRole.MODERATOR);
        assertThat(leg.role()).isEqualTo(ParticipantRole.MODERATOR);
    }

    @Test
    void meetingWithOnlyModeratorPinLetsParticipantsInWithEmptyPin() {
        ivr.start(DialPlanRoute.ivr());
        press("7777##");
        assertThat(ivr.role()).isEqualTo(ParticipantRole.PARTICIPANT);
    }

    @Test
    void wrongPinCountsSeparatelyFromCodes() {
        ivr.start(DialPlanRoute.ivr());
        press("1#2#");
        press("5555#");
        press("0000#");
        assertThat(leg.lastPlayed()).containsExactly(Prompt.INVALID_PIN, Prompt.ENTER_PIN);
        press("1111#");
        assertThat(ivr.state()).isEqualTo(IvrState.IN_MEETING);
    }

    @Test
    void threeWrongCodesPlayTooManyAttemptsThenHangUpAfterPlayback() {
        ivr.start(DialPlanRoute.ivr());
        press("1#");
        assertThat(leg.lastPlayed()).containsExactly(Prompt.INVALID_CODE, Prompt.ENTER_ACCESS_CODE);
        press("2#");
        press("3#");
        assertThat(leg.lastPlayed()).containsExactly(Prompt.TOO_MANY_ATTEMPTS);
        assertThat(ivr.state()).isEqualTo(IvrState.ENDING);
        assertThat(hangups).isEmpty();
        press("1234#"); // too late
        assertThat(ivr.state()).isEqualTo(IvrState.ENDING);
        leg.finishPlayback();
        assertThat(hangups).containsExactly(IvrEnd.TOO_MANY_ATTEMPTS);
        assertThat(ivr.state()).isEqualTo(IvrState.ENDED);
    }

    @Test
    void goodbyeHangsUpAfterGraceWhenPlaybackNeverEnds() {
        ivr.start(DialPlanRoute.ivr());
        press("1#2#3#");
        scheduler.advanceMillis(29_000);
        assertThat(hangups).isEmpty();
        scheduler.advanceMillis(1_000);
        assertThat(hangups).containsExactly(IvrEnd.TOO_MANY_ATTEMPTS);
    }

    @Test
    void silenceAfterThePromptEndsTheCall() {
        ivr.start(DialPlanRoute.ivr());
        scheduler.advanceMillis(60_000); // the prompt is still playing: no timeout yet
        assertThat(ivr.state()).isEqualTo(IvrState.COLLECT_CODE);
        leg.finishPlayback();
        scheduler.advanceMillis(9_999);
        assertThat(ivr.state()).isEqualTo(IvrState.COLLECT_CODE);
        scheduler.advanceMillis(1);
        assertThat(leg.lastPlayed()).containsExactly(Prompt.NO_INPUT);
        leg.finishPlayback();
        assertThat(hangups).containsExactly(IvrEnd.NO_INPUT);
    }

    @Test
    void pauseBetweenDigitsSubmitsWhatWasTyped() {
        ivr.start(DialPlanRoute.ivr());
        press("1234");
        scheduler.advanceMillis(4_999);
        assertThat(ivr.state()).isEqualTo(IvrState.COLLECT_CODE);
        scheduler.advanceMillis(1);
        assertThat(ivr.state()).isEqualTo(IvrState.IN_MEETING);
    }

    @Test
    void starStartsTheEntryOver() {
        ivr.start(DialPlanRoute.ivr());
        press("99*1234#");
        assertThat(ivr.state()).isEqualTo(IvrState.IN_MEETING);
    }

    @Test
    void lockedMeetingRefusesWithLockedOut() {
        bridge.conference("m-open", org.voxgate.bridge.api.ConferenceOptions.defaults()).setLocked(true);
        ivr.start(DialPlanRoute.ivr());
        press("1234#");
        assertThat(leg.lastPlayed()).containsExactly(Prompt.LOCKED_OUT);
        assertThat(leg.conference()).isNull();
        leg.finishPlayback();
        assertThat(hangups).containsExactly(IvrEnd.LOCKED_OUT);
    }

    @Test
    void fullMeetingRefusesWithMeetingFull() throws Exception {
        ivr.start(DialPlanRoute.ivr());
        press("8888#");
        assertThat(ivr.state()).isEqualTo(IvrState.IN_MEETING);
        IvrMachine second = newCaller("call-2");
        second.start(DialPlanRoute.meeting(TINY));
        assertThat(leg.lastPlayed()).containsExactly(Prompt.MEETING_FULL);
        assertThat(second.state()).isEqualTo(IvrState.ENDING);
    }

    @Test
    void directRouteSkipsTheAccessCodeButAsksThePin() {
        ivr.start(DialPlanRoute.meeting(PINNED));
        assertThat(leg.played()).containsExactly(List.of(Prompt.ENTER_PIN));
        press("9999#");
        assertThat(ivr.role()).isEqualTo(ParticipantRole.MODERATOR);
    }

    @Test
    void starSixTogglesSelfMute() {
        ivr.start(DialPlanRoute.meeting(OPEN));
        press("*6");
        assertThat(leg.muted()).isTrue();
        assertThat(leg.lastPlayed()).containsExactly(Prompt.MUTED);
        press("*6");
        assertThat(leg.muted()).isFalse();
        assertThat(leg.lastPlayed()).containsExactly(Prompt.UNMUTED);
        press("6");
        assertThat(leg.muted()).isFalse();
    }

    @Test
    void moderatorMutesAllAndLocks() throws Exception {
        ivr.start(DialPlanRoute.ivr());
        press("5555#1111#");
        FakeLeg participant = leg;
        IvrMachine mod = newCaller("call-2");
        mod.start(DialPlanRoute.meeting(PINNED));
        press("9999#");
        FakeConference conf = bridge.fakeConference("m-pin");
        press("*5");
        assertThat(conf.muteAllCalls()).isEqualTo(1);
        assertThat(participant.muted()).isTrue();
        assertThat(leg.muted()).isFalse();
        assertThat(leg.lastPlayed()).containsExactly(Prompt.ALL_MUTED);
        press("*7");
        assertThat(conf.locked()).isTrue();
        assertThat(leg.lastPlayed()).containsExactly(Prompt.MEETING_LOCKED);
        press("*7");
        assertThat(conf.locked()).isFalse();
        assertThat(leg.lastPlayed()).containsExactly(Prompt.MEETING_UNLOCKED);
    }

    @Test
    void participantCannotMuteAllOrLock() {
        ivr.start(DialPlanRoute.meeting(OPEN));
        int before = leg.played().size();
        press("*5*7");
        FakeConference conf = bridge.fakeConference("m-open");
        assertThat(conf.muteAllCalls()).isZero();
        assertThat(conf.locked()).isFalse();
        assertThat(leg.played()).hasSize(before);
    }

    @Test
    void overlongEntryCountsAsWrong() {
        ivr.start(DialPlanRoute.ivr());
        press("1".repeat(IvrMachine.MAX_ENTRY_DIGITS + 1));
        assertThat(leg.lastPlayed()).containsExactly(Prompt.INVALID_CODE, Prompt.ENTER_ACCESS_CODE);
    }

    @Test
    void moderatorDialsOutWithStarNineNumberPound() throws Exception {
        ivr.start(DialPlanRoute.meeting(PINNED));
        press("9999#");
        press("*9441632960000#");
        assertThat(dialed).containsExactly("m-pin +441632960000");
        assertThat(leg.lastPlayed()).containsExactly(Prompt.CALLING_OUT);
        dialOutAccepted = false;
        press("*9441632960001#");
        assertThat(dialed).containsExactly("m-pin +441632960000", "m-pin +441632960001");
        assertThat(leg.lastPlayed()).as("refused by the gateway").containsExactly(Prompt.CALL_NOT_PLACED);
        notJoined.get(0).run(); // the first call ended later without the callee
        assertThat(leg.lastPlayed()).containsExactly(Prompt.CALL_NOT_COMPLETED);
        press("*6"); // the keypad works as before once the number is dialed
        assertThat(leg.muted()).isTrue();
    }

    @Test
    void keypadDialOutIsForModeratorsOnlyAndCanBeAbandoned() throws Exception {
        ivr.start(DialPlanRoute.meeting(OPEN));
        press("*9441632960000#");
        assertThat(dialed).isEmpty();
        IvrMachine mod = newCaller("call-2");
        mod.start(DialPlanRoute.meeting(PINNED));
        press("9999#");
        press("*944*");
        press("#");
        assertThat(dialed).as("* abandons the number").isEmpty();
        press("*9016#");
        assertThat(dialed).as("+016 is not E.164").isEmpty();
        assertThat(leg.lastPlayed()).containsExactly(Prompt.CALL_NOT_PLACED);
        press("*944");
        scheduler.advanceMillis(10_001);
        press("1#");
        assertThat(dialed).as("a pause longer than the input timeout abandons").isEmpty();
    }
}
