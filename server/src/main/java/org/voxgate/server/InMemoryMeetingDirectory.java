package org.voxgate.server;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.voxgate.sip.DialPlanRoute;
import org.voxgate.sip.Meeting;
import org.voxgate.sip.MeetingDirectory;

/**
 * Meetings and dial plan held in memory: the embedded default's demo meeting. The admin
 * store (database-backed, multi-tenant) replaces it when that lands.
 */
public final class InMemoryMeetingDirectory implements MeetingDirectory {

    private final Map<String, Meeting> byAccessCode = new ConcurrentHashMap<>();
    private final Map<String, DialPlanRoute> routes = new ConcurrentHashMap<>();

    /**
     * Adds the demo meeting: {@code ivrNumber} reaches the IVR; {@code directNumber}, when not
     * empty, goes straight to the meeting (its PIN is still asked when it has one).
     */
    public Meeting addDemo(String ivrNumber, String directNumber, String accessCode, String pin,
                           String moderatorPin, int maxParticipants) {
        Meeting m = new Meeting("demo", accessCode, emptyToNull(pin), emptyToNull(moderatorPin), maxParticipants);
        byAccessCode.put(accessCode, m);
        routes.put(ivrNumber, DialPlanRoute.ivr());
        if (!directNumber.isEmpty()) {
            routes.put(directNumber, DialPlanRoute.meeting(m));
        }
        return m;
    }

    @Override
    public Optional<Meeting> findByAccessCode(String accessCode) {
        return Optional.ofNullable(byAccessCode.get(accessCode));
    }

    @Override
    public DialPlanRoute route(String calledNumber) {
        return calledNumber == null ? DialPlanRoute.notFound()
                : routes.getOrDefault(calledNumber, DialPlanRoute.notFound());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
