package org.voxgate.sip.internal.stack;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.voxgate.sip.EndCause;
import org.voxgate.sip.SecurityReason;
import org.voxgate.sip.SipStatistics;
import org.voxgate.sip.internal.security.SecurityLog;
import org.voxgate.sip.internal.ivr.IvrEnd;

/** The gateway's counters; incremented on the stack's and the call threads. */
final class SipCounters implements SipStatistics {
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<MethodStatus, LongAdder> sent = new ConcurrentHashMap<>();
    private final Map<MethodStatus, LongAdder> received = new ConcurrentHashMap<>();
    private final LongAdder started = new LongAdder();
    private final Map<EndCause, LongAdder> ended = new EnumMap<>(EndCause.class);
    private final Map<String, LongAdder> ivr = new LinkedHashMap<>();

    private final SecurityLog securityLog;

    SipCounters(SecurityLog securityLog) {
        this.securityLog = securityLog;
        for (EndCause c : EndCause.values()) {
            ended.put(c, new LongAdder());
        }
        ivr.put(IVR_JOINED, new LongAdder());
        for (IvrEnd e : IvrEnd.values()) {
            ivr.put(e.name(), new LongAdder());
        }
    }

    static String method(String wire) {
        if (wire == null) {
            return OTHER_METHOD;
        }
        String m = wire.toUpperCase(Locale.ROOT);
        return METHODS.contains(m) ? m : OTHER_METHOD;
    }

    void requestReceived(String method) {
        requests.computeIfAbsent(method(method), k -> new LongAdder()).increment();
    }

    void responseSent(String method, int status) {
        sent.computeIfAbsent(new MethodStatus(method(method), status), k -> new LongAdder()).increment();
    }

    void responseReceived(String method, int status) {
        received.computeIfAbsent(new MethodStatus(method(method), status), k -> new LongAdder()).increment();
    }

    void callStarted() {
        started.increment();
    }

    void callEnded(EndCause cause) {
        ended.get(cause).increment();
    }

    void ivrJoined() {
        ivr.get(IVR_JOINED).increment();
    }

    void ivrEnded(IvrEnd reason) {
        ivr.get(reason.name()).increment();
    }

    @Override
    public Map<String, Long> requestsReceived() {
        return copy(requests);
    }

    @Override
    public Map<MethodStatus, Long> responsesSent() {
        return copy(sent);
    }

    @Override
    public Map<MethodStatus, Long> responsesReceived() {
        return copy(received);
    }

    @Override
    public long callsStarted() {
        return started.sum();
    }

    @Override
    public Map<EndCause, Long> callsEnded() {
        Map<EndCause, Long> out = new EnumMap<>(EndCause.class);
        ended.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public Map<SecurityReason, Long> securityRejections() {
        return securityLog.totals();
    }

    @Override
    public Map<String, Long> ivrOutcomes() {
        return copy(ivr);
    }

    private static <K> Map<K, Long> copy(Map<K, LongAdder> from) {
        Map<K, Long> out = new HashMap<>();
        from.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
