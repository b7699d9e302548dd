package org.voxgate.sip;

import java.util.Objects;

/**
 * Where a called number leads.
 *
 * @param kind      {@link Kind#IVR}: greet and collect the access code; {@link Kind#MEETING}:
 *                  straight to {@code meeting} (its PIN is still asked when it has one);
 *                  {@link Kind#NOT_FOUND}: the INVITE gets 404
 * @param meeting   the meeting for {@link Kind#MEETING}, null otherwise
 * @param accountId the account (tenant) that owns the number, or null for a number of no account
 *                  (the in-memory demo). A call that came over a trunk reaches only numbers of
 *                  the trunk's account (else 404), and the IVR looks access codes up only in
 *                  this account ({@link MeetingDirectory#findByAccessCode(String, String)})
 */
public record DialPlanRoute(Kind kind, Meeting meeting, String accountId) {

    public enum Kind { IVR, MEETING, NOT_FOUND }

    public DialPlanRoute {
        Objects.requireNonNull(kind, "kind must not be null");
        if ((kind == Kind.MEETING) != (meeting != null)) {
            throw new IllegalArgumentException("meeting must be set exactly when kind is MEETING");
        }
    }

    /** A route of no account. */
    public DialPlanRoute(Kind kind, Meeting meeting) {
        this(kind, meeting, null);
    }

    public static DialPlanRoute ivr() {
        return new DialPlanRoute(Kind.IVR, null);
    }

    public static DialPlanRoute meeting(Meeting meeting) {
        return new DialPlanRoute(Kind.MEETING, Objects.requireNonNull(meeting, "meeting"));
    }

    public static DialPlanRoute notFound() {
        return new DialPlanRoute(Kind.NOT_FOUND, null);
    }

    /** A copy owned by {@code account} (may be null). */
    public DialPlanRoute ownedBy(String account) {
        return new DialPlanRoute(kind, meeting, account);
    }
}
