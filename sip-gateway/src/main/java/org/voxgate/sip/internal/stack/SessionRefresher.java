package org.voxgate.sip.internal.stack;

import java.text.ParseException;
import java.time.Duration;

import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.internal.schedule.Scheduler;
import org.voxgate.sip.internal.sessiontimer.Refresher;
import org.voxgate.sip.internal.sessiontimer.SessionTimerDecision;
import org.voxgate.sip.internal.sessiontimer.SessionTimerRequest;

/**
 * RFC 4028 section 10 at run time for one call. When the caller refreshes, the session ends
 * (BYE) at {@code interval - min(32, interval / 3)} unless a refresh re-arms it first; when we
 * refresh, our refresh is due at half the interval. Confined to its call's monitor: every method
 * is called holding it; the timers post back through {@code onExpired} and {@code onRefreshDue}.
 */
final class SessionRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRefresher.class);

    private final Scheduler scheduler;
    private final Runnable onExpired;
    private final Runnable onRefreshDue;
    private SessionTimerDecision decision;
    private Scheduler.Timer task;

    /**
     * @param onExpired    runs on a timer thread when no refresh came in time (post the hangup)
     * @param onRefreshDue runs on a timer thread when our refresh is due (post the request)
     */
    SessionRefresher(Scheduler scheduler, Runnable onExpired, Runnable onRefreshDue) {
        this.scheduler = scheduler;
        this.onExpired = onExpired;
        this.onRefreshDue = onRefreshDue;
    }

    /** Takes the decision for a 2xx we send; {@link #start()} arms it (the initial INVITE arms on ACK). */
    void negotiated(SessionTimerDecision d) {
        decision = d;
    }

    /** A refresh or new offer from the caller was accepted with {@code d}: re-arms now. */
    void apply(SessionTimerDecision d) {
        decision = d;
        start();
    }

    /** Arms (again) for the current decision; no-op without a session timer. */
    void start() {
        cancel();
        SessionTimerDecision d = decision;
        if (d == null || d.kind() != SessionTimerDecision.Kind.ACCEPT) {
            return;
        }
        LOG.debug("session timer {} s, refresher {}", d.intervalSeconds(), d.refresher());
        if (d.refresher() == Refresher.UAC) {
            task = scheduler.schedule(Duration.ofMillis(d.expiryMillis()), onExpired);
        } else {
            task = scheduler.schedule(Duration.ofMillis(d.refreshMillis()), onRefreshDue);
        }
    }

    void cancel() {
        if (task != null) {
            task.cancel();
            task = null;
        }
    }

    /** Session-Expires and Supported of our refresh request (RFC 4028 section 7.4). */
    void writeRefreshHeaders(Request refresh, HeaderFactory hf) throws ParseException {
        refresh.setHeader(hf.createHeader("Session-Expires", decision.intervalSeconds() + ";refresher=uas"));
        refresh.setHeader(hf.createHeader("Supported", "timer"));
    }

    /** A 2xx to our refresh: the interval it names (if any) becomes ours, and we re-arm. */
    void refreshAccepted(Response response) {
        SessionTimerRequest answer = SessionTimerHeaders.read(response);
        if (answer.sessionExpiresSeconds() > 0 && decision != null) {
            Refresher who = answer.refresher() != null ? answer.refresher() : decision.refresher();
            decision = new SessionTimerDecision(SessionTimerDecision.Kind.ACCEPT,
                    Math.max(answer.sessionExpiresSeconds(), 1), who, decision.requireTimer());
        }
        start();
    }
}
