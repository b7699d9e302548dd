package org.voxgate.server.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.voxgate.server.store.Actor;
import org.voxgate.server.store.ResourceRepository;
import org.voxgate.server.store.Row;
import org.voxgate.sip.RegistrationStatus;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/trunks/{id}/registration}: the live outbound registration of one trunk of
 * the caller's account, from the running SIP gateway. A foreign or unknown id is 404; viewers
 * may read it (TRUNK_READ). State {@code NOT_CONFIGURED} when the trunk has no registration or
 * is disabled; {@code UNREGISTERED} when it has one the gateway does not (yet) run.
 */
final class RegistrationRoutes {
    private final ResourceRepository trunks;
    private final Supplier<Map<String, RegistrationStatus>> source;

    RegistrationRoutes(ResourceRepository trunks, Supplier<Map<String, RegistrationStatus>> source) {
        this.trunks = trunks;
        this.source = source;
    }

    void register(Router router) {
        router.get(AdminApi.PREFIX + "/trunks/:id/registration").blockingHandler(this::get, false);
    }

    private void get(RoutingContext ctx) {
        Actor a = Authenticator.require(ctx, Permission.TRUNK_READ);
        Row trunk = trunks.find(a.accountId(), ctx.pathParam("id")).orElseThrow(Problem::notFound);
        RegistrationStatus s = source.get().get(trunk.id());
        Requests.json(ctx, 200, view(trunk, s), null);
    }

    static Map<String, Object> view(Row trunk, RegistrationStatus s) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("trunkId", trunk.id());
        boolean configured = Boolean.TRUE.equals(trunk.values().get("registerEnabled"))
                && !Boolean.FALSE.equals(trunk.values().get("enabled"));
        if (s == null) {
            o.put("state", configured ? "UNREGISTERED" : "NOT_CONFIGURED");
            o.put("registrar", null);
            o.put("grantedExpirySeconds", 0);
            o.put("expiresAt", null);
            o.put("lastStatusCode", 0);
            o.put("lastFailure", null);
            o.put("nextAttemptAt", null);
            return o;
        }
        o.put("state", s.state().name());
        o.put("registrar", s.registrar());
        o.put("grantedExpirySeconds", s.grantedExpirySeconds());
        o.put("expiresAt", s.expiresAt() == null ? null : s.expiresAt().toString());
        o.put("lastStatusCode", s.lastStatusCode());
        o.put("lastFailure", s.lastFailure());
        o.put("nextAttemptAt", s.nextAttemptAt() == null ? null : s.nextAttemptAt().toString());
        return o;
    }
}
