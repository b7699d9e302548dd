package org.voxgate.sip;

import java.util.Objects;

/**
 * Where a called number leads.
 *
 * @param kind    {@link Kind#IVR}: greet and collect the access code; {@link Kind#MEETING}:
 *                straight to {@code meeting} (its PIN is still asked when it has one);
 *                {@link Kind#NOT_FOUND}: the INVITE gets 404
 * @param meeting the meeting for {@link Kind#MEETING}, null otherwise
 */
public record DialPlanRoute(Kind kind, Meeting meeting) {

    public enum Kind { IVR, MEETING, NOT_FOUND }

    public DialPlanRoute {
        Objects.requireNonNull(kind, "kind must not be null");
        if ((kind == Kind.MEETING) != (meeting != null)) {
            throw new IllegalArgumentException("meeting must be set exactly when kind is MEETING");
        }
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
}
