package org.voxgate.server.store;

import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.CallListener;
import org.voxgate.sip.CallRecord;

/**
 * Writes a CDR for every finished call that belongs to an account: the account the gateway
 * names (the called number's), else the account of the meeting the caller chose, else of the
 * called phone number. The caller is the identity the trunk's caller-ID policy chose
 * ("anonymous" under Privacy: id), else From; the trunk is the one the call came over. Calls that reach neither (the demo
 * meeting, unknown numbers) have no tenant and are not stored. Never throws.
 */
public final class CdrCallListener implements CallListener {

    private static final Logger LOG = LoggerFactory.getLogger(CdrCallListener.class);

    private final Store store;

    public CdrCallListener(Store store) {
        this.store = store;
    }

    @Override
    public void callEnded(CallRecord r) {
        if (r.direction() == org.voxgate.sip.CallDirection.OUTBOUND) {
            outbound(r);
            return;
        }
        try {
            String called = userPart(r.to());
            Optional<Map<String, Object>> owner = store.database().jdbi().withHandle(h -> {
                if (r.accountId() != null) {
                    // the gateway knows the called number's account (and the trunk, for trunk calls)
                    Map<String, Object> m = new java.util.HashMap<>();
                    m.put("account_id", r.accountId());
                    m.put("trunk_id", r.trunkId() != null ? r.trunkId()
                            : number(h, called).map(x -> x.get("trunk_id")).orElse(null));
                    return Optional.of(m);
                }
                if (r.meetingId() != null) {
                    Optional<Map<String, Object>> m = h.createQuery("SELECT account_id, CAST(NULL AS VARCHAR(36)) AS trunk_id "
                            + "FROM meetings WHERE id = :id").bind("id", r.meetingId()).mapToMap().findOne();
                    if (m.isPresent()) {
                        Optional<Map<String, Object>> n = number(h, called);
                        return Optional.of(n.filter(x -> x.get("account_id").equals(m.get().get("account_id"))).orElse(m.get()));
                    }
                }
                return number(h, called);
            });
            if (owner.isEmpty()) {
                return;
            }
            String meetingId = r.meetingId() != null && store.meetings()
                    .find((String) owner.get().get("account_id"), r.meetingId()).isPresent() ? r.meetingId() : null;
            store.cdrs().insert(new CdrRepository.Cdr(null, (String) owner.get().get("account_id"), r.callId(),
                    r.caller() != null ? r.caller() : r.from(), called, (String) owner.get().get("trunk_id"), meetingId, r.startTime(), r.answerTime(),
                    r.endTime(), r.cause().name(), r.codec(), r.legStats() == null ? 0 : r.legStats().packetsLost(),
                    r.legStats() == null ? 0 : r.legStats().jitterMs()));
        } catch (RuntimeException e) {
            LOG.warn("CDR for call {} not stored: {}", r.callId(), e.toString());
        }
    }

    /** A dial-out belongs to the account of its meeting; called number is the callee, trunk the one dialed through. */
    private void outbound(CallRecord r) {
        try {
            Optional<String> account = r.meetingId() == null ? Optional.empty()
                    : store.database().jdbi().withHandle(h -> h.createQuery("SELECT account_id FROM meetings WHERE id = :id")
                            .bind("id", r.meetingId()).mapTo(String.class).findOne());
            if (account.isEmpty()) {
                return;
            }
            String trunk = r.trunkId() != null && store.trunks().find(account.get(), r.trunkId()).isPresent()
                    ? r.trunkId() : null;
            store.cdrs().insert(new CdrRepository.Cdr(null, account.get(), r.callId(), r.from(), userPart(r.to()), trunk,
                    r.meetingId(), r.startTime(), r.answerTime(), r.endTime(), r.cause().name(), r.codec(),
                    r.legStats() == null ? 0 : r.legStats().packetsLost(),
                    r.legStats() == null ? 0 : r.legStats().jitterMs(), "outbound"));
        } catch (RuntimeException e) {
            LOG.warn("CDR for dial-out {} not stored: {}", r.callId(), e.toString());
        }
    }

    private static Optional<Map<String, Object>> number(org.jdbi.v3.core.Handle h, String called) {
        String e164 = called.startsWith("+") ? called : "+" + called;
        return h.createQuery("SELECT account_id, trunk_id FROM phone_numbers WHERE e164 = :a OR e164 = :b")
                .bind("a", called).bind("b", e164).mapToMap().findFirst();
    }

    /** The user part of a SIP URI like {@code <sip:+4930123@host>;tag=x}, or the text itself. */
    static String userPart(String uri) {
        if (uri == null) {
            return "";
        }
        String s = uri;
        int lt = s.indexOf('<');
        if (lt >= 0) {
            int gt = s.indexOf('>', lt);
            s = s.substring(lt + 1, gt < 0 ? s.length() : gt);
        }
        int colon = s.indexOf(':');
        if (s.startsWith("sip:") || s.startsWith("sips:") || s.startsWith("tel:")) {
            s = s.substring(colon + 1);
        }
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int semi = s.indexOf(';');
        return semi >= 0 ? s.substring(0, semi) : s;
    }
}
