package org.voxgate.server.admin;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.server.store.Actor;
import org.voxgate.server.store.ApiKeyRepository;

import io.vertx.ext.web.RoutingContext;

/**
 * Finds the {@link Actor} of a request from {@code Authorization: Bearer <api key>}, with the
 * failed-authentication throttle in front. Runs on a worker thread (it queries the store).
 * Never logs the presented key.
 */
final class Authenticator {

    static final String ACTOR = "voxgate.actor";
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

    private final ApiKeyRepository keys;
    private final AuthThrottle throttle;

    Authenticator(ApiKeyRepository keys, AuthThrottle throttle) {
        this.keys = keys;
        this.throttle = throttle;
    }

    void handle(RoutingContext ctx) {
        String address = AdminApi.address(ctx);
        long locked = throttle.lockedSeconds(address);
        if (locked > 0) {
            ctx.response().putHeader("Retry-After", Long.toString(locked));
            throw new Problem(429, "locked-out", "Too many failed authentications",
                    "this address is locked out for " + locked + " s after repeated failed authentications", null);
        }
        String h = ctx.request().getHeader("Authorization");
        String token = h != null && h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : null;
        Optional<Actor> actor = token == null ? Optional.empty() : keys.authenticate(token);
        if (actor.isEmpty()) {
            if (throttle.failed(address)) {
                LOG.warn("admin API: {} locked out after repeated failed authentications", address);
            }
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"voxgate\"");
            throw new Problem(401, "unauthorized", "Unauthorized",
                    token == null ? "send Authorization: Bearer <API key>" : "the API key is not valid", null);
        }
        throttle.succeeded(address);
        ctx.put(ACTOR, actor.get());
        ctx.next();
    }

    static Actor actor(RoutingContext ctx) {
        Actor a = ctx.get(ACTOR);
        if (a == null) {
            throw new IllegalStateException("route without authentication");
        }
        return a;
    }

    static Actor require(RoutingContext ctx, Permission p) {
        Actor a = actor(ctx);
        if (!p.allows(a.role())) {
            throw Problem.forbidden(p);
        }
        return a;
    }
}
