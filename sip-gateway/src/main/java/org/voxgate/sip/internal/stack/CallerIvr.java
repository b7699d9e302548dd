package org.voxgate.sip.internal.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.ParticipantRole;
import org.voxgate.sip.DialPlanRoute;
import org.voxgate.sip.EndCause;
import org.voxgate.sip.Meeting;
import org.voxgate.sip.internal.ivr.IvrEnd;
import org.voxgate.sip.internal.ivr.IvrLegListener;
import org.voxgate.sip.internal.ivr.IvrMachine;
import org.voxgate.sip.internal.ivr.IvrOutcome;

/**
 * A dial-in's IVR and what it tells the call: the meeting joined, the hangup (posted, never
 * synchronous: the IVR holds its own lock), a moderator's keypad dial-out.
 */
final class CallerIvr implements IvrOutcome {
    private static final Logger LOG = LoggerFactory.getLogger(CallerIvr.class);

    private final DialogCall call;
    private volatile IvrMachine ivr;
    private volatile String meetingId;

    CallerIvr(DialogCall call) {
        this.call = call;
    }

    /** Starts the IVR on {@code leg} for {@code route}; the call holds its monitor. */
    void start(MediaLeg leg, DialPlanRoute route, IvrLegListener legListener) {
        IvrMachine machine = call.newIvr(leg, this);
        ivr = machine;
        machine.start(route);
        legListener.attach(machine);
    }

    /** Stops the IVR, if started. */
    void stop() {
        IvrMachine machine = ivr;
        if (machine != null) {
            machine.stop();
        }
    }

    /** The meeting the caller is in (or is routed straight to), or null. */
    String meetingId() {
        return meetingId;
    }

    /** A route straight into a meeting names it before the IVR runs. */
    void routedTo(String id) {
        meetingId = id;
    }

    @Override
    public void joined(Meeting meeting, ParticipantRole role) {
        meetingId = meeting.id();
        call.core.counters().ivrJoined();
        LOG.debug("joined meeting {} as {}", meeting.id(), role);
    }

    @Override
    public void hangup(IvrEnd reason) {
        LOG.debug("IVR ended the call: {}", reason);
        call.core.counters().ivrEnded(reason);
        call.postHangup(EndCause.IVR_ENDED);
    }

    @Override
    public boolean dialOutRequested(Meeting meeting, String e164, Runnable onNotJoined) {
        return call.core.keypadDialOut(meeting, e164, onNotJoined);
    }
}
