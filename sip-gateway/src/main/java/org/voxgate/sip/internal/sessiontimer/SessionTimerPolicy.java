package org.voxgate.sip.internal.sessiontimer;

/**
 * Our side of RFC 4028 as a UAS.
 *
 * <ul>
 *   <li>Section 9: "If the Session-Expires interval is lower than the value of Min-SE the UAS
 *       [...] MUST reject the request with a 422" - our Min-SE is {@code minSeSeconds}.</li>
 *   <li>The UAS may lower Session-Expires (we lower it to {@code preferredSeconds}) but never
 *       below the request's Min-SE nor ours.</li>
 *   <li>Refresher table of section 9: the request's refresher is kept; a UAC that supports timer
 *       and names none refreshes itself (uac); one that does not support timer cannot, so uas.</li>
 *   <li>No Session-Expires and no support for timer: no session timer (the media timeout still
 *       catches dead calls).</li>
 * </ul>
 */
public final class SessionTimerPolicy {
    private final int preferredSeconds;
    private final int minSeSeconds;

    /**
     * @param preferredSeconds interval we ask for, at least {@code minSeSeconds}
     * @param minSeSeconds     our Min-SE, at least 90
     */
    public SessionTimerPolicy(int preferredSeconds, int minSeSeconds) {
        if (minSeSeconds < 90 || preferredSeconds < minSeSeconds) {
            throw new IllegalArgumentException("need 90 <= minSeSeconds <= preferredSeconds, got "
                    + minSeSeconds + " and " + preferredSeconds);
        }
        this.preferredSeconds = preferredSeconds;
        this.minSeSeconds = minSeSeconds;
    }

    public int minSeSeconds() {
        return minSeSeconds;
    }

    public SessionTimerDecision decide(SessionTimerRequest request) {
        int asked = request.sessionExpiresSeconds();
        if (asked >= 0 && asked < minSeSeconds) {
            return new SessionTimerDecision(SessionTimerDecision.Kind.TOO_SMALL, minSeSeconds, null, false);
        }
        if (asked < 0 && !request.uacSupportsTimer()) {
            return new SessionTimerDecision(SessionTimerDecision.Kind.NONE, 0, null, false);
        }
        int floor = Math.max(minSeSeconds, request.minSeSeconds());
        int interval = asked >= 0 ? Math.min(asked, preferredSeconds) : preferredSeconds;
        interval = Math.max(interval, floor);
        Refresher refresher = request.refresher();
        if (refresher == null || !request.uacSupportsTimer()) {
            refresher = request.uacSupportsTimer() ? Refresher.UAC : Refresher.UAS;
        }
        return new SessionTimerDecision(SessionTimerDecision.Kind.ACCEPT, interval, refresher,
                request.uacSupportsTimer());
    }
}
