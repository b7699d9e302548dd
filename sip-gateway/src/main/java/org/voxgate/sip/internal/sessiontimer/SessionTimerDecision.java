package org.voxgate.sip.internal.sessiontimer;

/**
 * The answer to a {@link SessionTimerRequest}.
 *
 * @param kind             NONE (no session timer, add nothing), ACCEPT (add Session-Expires with
 *                         {@code intervalSeconds} and {@code refresher}; Require: timer when
 *                         {@code requireTimer}), TOO_SMALL (answer 422 with Min-SE:
 *                         {@code intervalSeconds})
 * @param intervalSeconds  the session interval, or our Min-SE for TOO_SMALL
 * @param refresher        who refreshes (ACCEPT only)
 * @param requireTimer     true when the response carries Require: timer (the UAC supports it)
 */
public record SessionTimerDecision(Kind kind, int intervalSeconds, Refresher refresher, boolean requireTimer) {

    public enum Kind { NONE, ACCEPT, TOO_SMALL }

    /** RFC 4028 section 10: the non-refresher sends BYE at interval - min(32, interval / 3). */
    public long expiryMillis() {
        return 1000L * (intervalSeconds - Math.min(32, intervalSeconds / 3));
    }

    /** RFC 4028 section 10: the refresher refreshes at half the interval. */
    public long refreshMillis() {
        return 500L * intervalSeconds;
    }
}
