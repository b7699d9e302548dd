package org.voxgate.server.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.voxgate.server.store.Actor;
import org.voxgate.server.store.FieldError;
import org.voxgate.server.store.Store;
import org.voxgate.server.store.StoreMeetingDirectory;
import org.voxgate.sip.DialOut;
import org.voxgate.sip.DialOutRefusedException;
import org.voxgate.sip.DialOutRequest;
import org.voxgate.sip.Meeting;
import org.voxgate.sip.SipGateway;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Dial-out: {@code POST /meetings/{id}/dial-out} {"number", "trunkId"} places a call through
 * one of the account's trunks and answers 202 with the Location of its status,
 * {@code GET /meetings/{id}/dial-out/{dialId}}. Tenant-scoped (a foreign meeting, trunk or dial
 * id is 404), operators and above ({@link Permission#MEETING_DIAL_OUT}), rate limited per
 * account on top of the general limits, and audited (who dialed which number through which
 * trunk). Refusals are problem details: 422 for a bad number or a trunk that may not call it,
 * 503 when the SIP side is not running or full.
 */
final class DialOutRoutes {

    /** Dial-outs the API started, so a status read can check the account and meeting; bounded. */
    private record Owner(String accountId, String meetingId, String trunkId) {}

    private static final int OWNERS_KEPT = 10_000;

    private final Store store;
    private final StoreMeetingDirectory meetings;
    private final AtomicReference<SipGateway> gateway;
    private final RateLimiter perAccount;
    private final Map<String, Owner> owners = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Owner> eldest) {
            return size() > OWNERS_KEPT;
        }
    });

    /**
     * @param gateway    the SIP gateway once it runs (empty before: 503)
     * @param perAccount dial-outs per account
     */
    DialOutRoutes(Store store, AtomicReference<SipGateway> gateway, RateLimiter perAccount) {
        this.store = store;
        this.meetings = new StoreMeetingDirectory(store, null);
        this.gateway = gateway;
        this.perAccount = perAccount;
    }

    void register(Router router) {
        router.post(AdminApi.PREFIX + "/meetings/:id/dial-out").blockingHandler(this::dial, false);
        router.get(AdminApi.PREFIX + "/meetings/:id/dial-out/:dialId").handler(this::status);
    }

    private void dial(RoutingContext ctx) {
        Actor a = Authenticator.require(ctx, Permission.MEETING_DIAL_OUT);
        Map<String, Object> body = Requests.body(ctx);
        String meetingId = ctx.pathParam("id");
        Meeting meeting = meetings.meetingOf(a.accountId(), meetingId).orElseThrow(Problem::notFound);
        Object number = body.get("number");
        Object trunkId = body.get("trunkId");
        if (!(number instanceof String n) || !DialOutRequest.isE164(n)) {
            throw Problem.invalid("number", number == null ? "is required" : "is not an E.164 number",
                    "+ then 2 to 15 digits, the first not 0");
        }
        if (!(trunkId instanceof String t) || store.trunks().find(a.accountId(), t).isEmpty()) {
            if (trunkId == null) {
                throw Problem.invalid("trunkId", "is required", "the id of one of your account's trunks");
            }
            throw Problem.notFound();
        }
        long wait = perAccount.acquire(a.accountId());
        if (wait > 0) {
            ctx.response().putHeader("Retry-After", Long.toString(wait));
            throw new Problem(429, "rate-limited", "Too many requests",
                    "too many dial-outs from this account; retry after " + wait + " s", null);
        }
        SipGateway g = gateway.get();
        if (g == null || !g.running()) {
            throw new Problem(503, "unavailable", "Service unavailable", "the SIP gateway is not running", null);
        }
        DialOut d;
        try {
            d = g.dialOut(new DialOutRequest(meeting, n, t));
        } catch (DialOutRefusedException e) {
            Map<String, Object> refused = new LinkedHashMap<>();
            refused.put("number", n);
            refused.put("trunkId", t);
            refused.put("refused", e.reason().name());
            store.audit(a, "dial-out", "meetings", meetingId, refused);
            throw problem(e);
        }
        owners.put(d.id(), new Owner(a.accountId(), meetingId, t));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dialId", d.id());
        details.put("number", n);
        details.put("trunkId", t);
        store.audit(a, "dial-out", "meetings", meetingId, details);
        String location = AdminApi.PREFIX + "/meetings/" + meetingId + "/dial-out/" + d.id();
        ctx.response().putHeader("Location", location);
        Requests.json(ctx, 202, view(d, meetingId, t), null);
    }

    private void status(RoutingContext ctx) {
        Actor a = Authenticator.require(ctx, Permission.MEETING_READ);
        String meetingId = ctx.pathParam("id");
        String dialId = ctx.pathParam("dialId");
        Owner o = owners.get(dialId);
        SipGateway g = gateway.get();
        Optional<DialOut> d = g == null ? Optional.empty() : g.findDialOut(dialId);
        if (o == null || !o.accountId().equals(a.accountId()) || !o.meetingId().equals(meetingId) || d.isEmpty()) {
            throw Problem.notFound();
        }
        Requests.json(ctx, 200, view(d.get(), meetingId, o.trunkId()), null);
    }

    private static Map<String, Object> view(DialOut d, String meetingId, String trunkId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("meetingId", meetingId);
        m.put("number", d.request().number());
        m.put("trunkId", trunkId);
        m.put("status", d.status().name());
        m.put("failure", d.failure() == null ? null : d.failure().name());
        m.put("sipStatus", d.sipStatus() == 0 ? null : d.sipStatus());
        return m;
    }

    private static Problem problem(DialOutRefusedException e) {
        return switch (e.reason()) {
            case INVALID_NUMBER, DESTINATION_NOT_ALLOWED -> Problem.invalid(List.of(new FieldError("number",
                    e.getMessage(), "a number the trunk's dial-out prefixes cover")));
            case UNKNOWN_TRUNK, TRUNK_DISABLED, TRUNK_INBOUND_ONLY, TRANSPORT_UNAVAILABLE, NO_TRUNK_FOR_ACCOUNT ->
                    Problem.invalid(List.of(new FieldError("trunkId", e.getMessage(),
                            "an enabled trunk of your account with direction outbound or both")));
            case AT_CAPACITY, NOT_RUNNING -> new Problem(503, "unavailable", "Service unavailable", e.getMessage(), null);
        };
    }
}
