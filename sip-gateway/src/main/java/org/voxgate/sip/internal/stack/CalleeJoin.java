package org.voxgate.sip.internal.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.api.ParticipantRole;
import org.voxgate.sip.DialOutSettings;
import org.voxgate.sip.DialOutStatus;
import org.voxgate.sip.Meeting;
import org.voxgate.sip.internal.dialout.DialOutState;
import org.voxgate.sip.internal.dialout.JoinConfirmation;
import org.voxgate.sip.internal.ivr.IvrEnd;
import org.voxgate.sip.internal.ivr.IvrLegListener;
import org.voxgate.sip.internal.ivr.IvrMachine;
import org.voxgate.sip.internal.ivr.IvrOutcome;

/**
 * A dial-out's answered callee on its way into the meeting: the "press 1" confirmation, then
 * the IVR that joins the meeting. Confined to the call's monitor; the confirmation and the IVR
 * have their own and post their outcomes back to the call ({@link OutboundCall#join},
 * {@link OutboundCall#notConfirmed}, {@link OutboundCall#ivrEnded}), never synchronously.
 */
final class CalleeJoin {
    private static final Logger LOG = LoggerFactory.getLogger(CalleeJoin.class);

    private final OutboundCall call;
    private final DialOutState state;
    private final IvrLegListener legListener;
    private JoinConfirmation confirmation;
    private IvrMachine ivr;
    private volatile String meetingId;

    CalleeJoin(OutboundCall call, DialOutState state, IvrLegListener legListener) {
        this.call = call;
        this.state = state;
        this.legListener = legListener;
    }

    /** Asks the callee on {@code leg} to press 1. */
    void confirm(MediaLeg leg, DialOutSettings settings) {
        GatewayCore core = call.core;
        JoinConfirmation c = new JoinConfirmation(leg, core.scheduler(), settings.confirmTimeout(),
                settings.confirmPlays(), new JoinConfirmation.Listener() {
                    @Override
                    public void confirmed() {
                        core.runAsync(call.callId, call::join);
                    }

                    @Override
                    public void notConfirmed() {
                        core.runAsync(call.callId, call::notConfirmed);
                    }
                });
        confirmation = c;
        legListener.attach(c);
        c.start();
    }

    /** Confirmed: the IVR puts the callee on {@code leg} straight into {@code meeting}. */
    void join(MediaLeg leg, Meeting meeting) {
        GatewayCore core = call.core;
        IvrMachine machine = call.newIvr(leg, new IvrOutcome() {
            @Override
            public void joined(Meeting m, ParticipantRole role) {
                meetingId = m.id();
                state.advance(DialOutStatus.JOINED);
                core.counters().ivrJoined();
                LOG.info("dial-out callee joined meeting {}", m.id());
            }

            @Override
            public void hangup(IvrEnd reason) {
                core.counters().ivrEnded(reason);
                core.runAsync(call.callId, () -> call.ivrEnded(reason));
            }
        });
        ivr = machine;
        legListener.attach(machine);
        machine.startInMeeting(meeting, ParticipantRole.PARTICIPANT);
    }

    /** The meeting the callee joined, or null. */
    String meetingId() {
        return meetingId;
    }

    /** Stops the confirmation and the IVR (the call ended). */
    void stop() {
        if (confirmation != null) {
            confirmation.stop();
        }
        if (ivr != null) {
            ivr.stop();
        }
    }
}
