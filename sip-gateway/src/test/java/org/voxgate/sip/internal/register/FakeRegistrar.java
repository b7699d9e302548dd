package org.voxgate.sip.internal.register;

import java.util.ArrayList;
import java.util.List;

/** A {@link RegisterTransport} that records every REGISTER; the test answers them. */
final class FakeRegistrar implements RegisterTransport {
    final List<RegisterRequest> sent = new ArrayList<>();
    private ResponseSink sink;

    @Override
    public synchronized void send(RegisterRequest request, ResponseSink sink) {
        sent.add(request);
        this.sink = sink;
    }

    synchronized RegisterRequest last() {
        return sent.get(sent.size() - 1);
    }

    /** Answers the last REGISTER. */
    void answer(RegisterResponse response) {
        RegisterRequest r;
        ResponseSink s;
        synchronized (this) {
            r = last();
            s = sink;
        }
        s.onResponse(r.cseq(), response);
    }

    static RegisterResponse ok(int grantedSeconds) {
        return new RegisterResponse(200, "OK", List.of(), grantedSeconds, -1, -1, "192.0.2.10", true, false);
    }

    static RegisterResponse challenge(int status, String source, boolean fromPeer, String... values) {
        return new RegisterResponse(status, status == 401 ? "Unauthorized" : "Proxy Authentication Required",
                List.of(values), -1, -1, -1, source, fromPeer, false);
    }

    static RegisterResponse status(int status, String reason, int retryAfter) {
        return new RegisterResponse(status, reason, List.of(), -1, -1, retryAfter, "192.0.2.10", true, false);
    }

    static RegisterResponse tooBrief(int minExpires) {
        return new RegisterResponse(423, "Interval Too Brief", List.of(), -1, minExpires, -1, "192.0.2.10", true,
                false);
    }
}
