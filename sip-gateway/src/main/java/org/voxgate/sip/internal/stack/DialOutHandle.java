package org.voxgate.sip.internal.stack;

import org.voxgate.sip.DialOut;
import org.voxgate.sip.DialOutFailure;
import org.voxgate.sip.DialOutRequest;
import org.voxgate.sip.DialOutStatus;
import org.voxgate.sip.EndCause;
import org.voxgate.sip.internal.dialout.DialOutState;

/** The {@link DialOut} handle of one {@link OutboundCall}: what the API reads, and its hangup. */
final class DialOutHandle implements DialOut {
    private final String id;
    private final OutboundCall call;
    private final DialOutRequest request;
    private final DialOutState state;

    DialOutHandle(String id, OutboundCall call, DialOutRequest request, DialOutState state) {
        this.id = id;
        this.call = call;
        this.request = request;
        this.state = state;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String callId() {
        return call.callId;
    }

    @Override
    public DialOutRequest request() {
        return request;
    }

    @Override
    public DialOutStatus status() {
        return state.status();
    }

    @Override
    public DialOutFailure failure() {
        return state.failure();
    }

    @Override
    public int sipStatus() {
        return state.sipStatus();
    }

    @Override
    public void hangup() {
        call.postHangup(EndCause.HUNG_UP_BY_API);
    }
}
