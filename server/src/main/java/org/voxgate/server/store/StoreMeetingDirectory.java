package org.voxgate.server.store;

import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.voxgate.sip.DialPlanRoute;
import org.voxgate.sip.Meeting;
import org.voxgate.sip.MeetingDirectory;

/**
 * The SIP gateway's dial plan and meetings, read from the store: a called number is looked up
 * among the phone numbers (as given, and with a leading '+' added when it has none) and its
 * route carries the number's account; the IVR's access-code lookup for such a route searches
 * that account's meetings only ({@link #findByAccessCode(String, String)}), so one tenant's
 * number never reaches another tenant's meeting. Routes of no account (the demo's numbers in
 * {@code fallback}, reached by local callers) search all meetings and then the fallback, as
 * before accounts existed. Numbers on a disabled trunk and locked meetings are not offered.
 * Thread-safe; one or two indexed queries per lookup.
 */
public final class StoreMeetingDirectory implements MeetingDirectory {

    private final Store store;
    private final MeetingDirectory fallback;

    /** @param fallback asked when the store has no answer; may be null */
    public StoreMeetingDirectory(Store store, MeetingDirectory fallback) {
        this.store = store;
        this.fallback = fallback;
    }

    @Override
    public Optional<Meeting> findByAccessCode(String accessCode) {
        Optional<Meeting> m = store.database().jdbi().withHandle(h -> meeting(h, "access_code", accessCode, null));
        return m.isPresent() || fallback == null ? m : fallback.findByAccessCode(accessCode);
    }

    @Override
    public Optional<Meeting> findByAccessCode(String accountId, String accessCode) {
        if (accountId == null) {
            return findByAccessCode(accessCode);
        }
        return store.database().jdbi().withHandle(h -> meeting(h, "access_code", accessCode, accountId));
    }

    @Override
    public DialPlanRoute route(String calledNumber) {
        if (calledNumber == null) {
            return DialPlanRoute.notFound();
        }
        String e164 = calledNumber.startsWith("+") ? calledNumber : "+" + calledNumber;
        DialPlanRoute r = store.database().jdbi().withHandle(h -> {
            Optional<Map<String, Object>> n = h.createQuery("SELECT n.route, n.meeting_id, n.account_id, t.enabled FROM phone_numbers n "
                            + "JOIN trunks t ON t.id = n.trunk_id AND t.account_id = n.account_id "
                            + "WHERE n.e164 = :a OR n.e164 = :b")
                    .bind("a", calledNumber).bind("b", e164).mapToMap().findFirst();
            if (n.isEmpty()) {
                return null;
            }
            if (!Boolean.TRUE.equals(n.get().get("enabled"))) {
                return DialPlanRoute.notFound();
            }
            String account = (String) n.get().get("account_id");
            if ("ivr".equals(n.get().get("route"))) {
                return DialPlanRoute.ivr().ownedBy(account);
            }
            return meeting(h, "id", (String) n.get().get("meeting_id"), account).map(DialPlanRoute::meeting)
                    .map(r2 -> r2.ownedBy(account)).orElse(DialPlanRoute.notFound());
        });
        if (r != null) {
            return r;
        }
        return fallback == null ? DialPlanRoute.notFound() : fallback.route(calledNumber);
    }

    @Override
    public Optional<String> accountOf(String meetingId) {
        Optional<String> a = store.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT account_id FROM meetings WHERE id = :id").bind("id", meetingId).mapTo(String.class).findOne());
        return a.isPresent() || fallback == null ? a : fallback.accountOf(meetingId);
    }

    /** The account's meeting as the gateway sees it (PINs revealed), locked or not; empty for a foreign id. */
    public Optional<Meeting> meetingOf(String accountId, String meetingId) {
        return store.meetings().find(accountId, meetingId).map(this::toMeeting);
    }

    private Meeting toMeeting(Row row) {
        return new Meeting(row.id(), (String) row.values().get("accessCode"),
                store.meetings().reveal(row, "participantPin"), store.meetings().reveal(row, "moderatorPin"),
                (Integer) row.values().get("maxParticipants"));
    }

    /** @param accountId only a meeting of this account, or null for any */
    private Optional<Meeting> meeting(Handle h, String column, String value, String accountId) {
        // column is one of two constants chosen above, never input
        var q = h.createQuery("SELECT id, account_id FROM meetings WHERE " + column + " = :v AND locked = FALSE"
                + (accountId == null ? "" : " AND account_id = :a")).bind("v", value);
        if (accountId != null) {
            q.bind("a", accountId);
        }
        return q.mapToMap().findOne()
                .flatMap(r -> store.meetings().find(h, (String) r.get("account_id"), (String) r.get("id")))
                .map(this::toMeeting);
    }
}
