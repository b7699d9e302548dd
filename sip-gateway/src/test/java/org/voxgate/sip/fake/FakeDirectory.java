package org.voxgate.sip.fake;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.voxgate.sip.DialPlanRoute;
import org.voxgate.sip.Meeting;
import org.voxgate.sip.MeetingDirectory;

/** Meetings by access code; "conf" routes to the IVR, "direct-CODE" straight to that meeting. */
public final class FakeDirectory implements MeetingDirectory {
    private final Map<String, Meeting> byCode = new ConcurrentHashMap<>();

    public FakeDirectory add(Meeting m) {
        byCode.put(m.accessCode(), m);
        return this;
    }

    @Override
    public Optional<Meeting> findByAccessCode(String accessCode) {
        return Optional.ofNullable(byCode.get(accessCode));
    }

    @Override
    public DialPlanRoute route(String calledNumber) {
        if (calledNumber.equals("conf") || calledNumber.equals("service")) {
            return DialPlanRoute.ivr();
        }
        if (calledNumber.startsWith("direct-")) {
            Meeting m = byCode.get(calledNumber.substring(7));
            return m == null ? DialPlanRoute.notFound() : DialPlanRoute.meeting(m);
        }
        return DialPlanRoute.notFound();
    }
}
