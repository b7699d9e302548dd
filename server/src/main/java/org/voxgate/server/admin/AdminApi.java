package org.voxgate.server.admin;

import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.server.store.ConflictException;
import org.voxgate.server.store.Store;
import org.voxgate.server.store.ValidationException;
import org.voxgate.sip.RegistrationStatus;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The route table of the admin API under {@value #PREFIX}: authentication first, then the
 * resources, then errors as RFC 9457 problem details. Handlers that touch the store run on
 * Vert.x worker threads.
 */
public final class AdminApi {

    public static final String PREFIX = "/api/v1";
    /** Largest request body accepted. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);

    private AdminApi() {}

    /**
     * The ETag of an object at a version, as the API sends it and expects in If-Match; clients
     * that read versions from a list (the CLI's config apply) build If-Match with it.
     */
    public static String etag(int version) {
        return Requests.etag(version);
    }

    /**
     * @param perAddress request rate limit per client address, checked before anything else
     * @param perKey     request rate limit per API key, checked after authentication
     */
    static Router router(Vertx vertx, Store store, AuthThrottle throttle, RateLimiter perAddress, RateLimiter perKey) {
        return router(vertx, store, throttle, perAddress, perKey, Map::of);
    }

    /** @param registrations the SIP gateway's registration status by trunk id (empty until it runs) */
    static Router router(Vertx vertx, Store store, AuthThrottle throttle, RateLimiter perAddress, RateLimiter perKey,
                         Supplier<Map<String, RegistrationStatus>> registrations) {
        return router(vertx, store, throttle, perAddress, perKey, registrations,
                new java.util.concurrent.atomic.AtomicReference<>(), new RateLimiter(1, 5, System::nanoTime));
    }

    /**
     * @param registrations  the SIP gateway's registration status by trunk id (empty until it runs)
     * @param gateway        the SIP gateway for dial-out, set once it runs
     * @param dialOutLimiter dial-outs per account
     */
    static Router router(Vertx vertx, Store store, AuthThrottle throttle, RateLimiter perAddress, RateLimiter perKey,
                         Supplier<Map<String, RegistrationStatus>> registrations,
                         java.util.concurrent.atomic.AtomicReference<org.voxgate.sip.SipGateway> gateway,
                         RateLimiter dialOutLimiter) {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            ctx.response().putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff");
            ctx.next();
        });
        router.route(PREFIX + "/*").handler(ctx -> limit(ctx, perAddress, address(ctx), "this address"));
        String openApi = OpenApiDocument.build().encodePrettily();
        router.get(PREFIX + "/openapi.json").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json").end(openApi));
        router.route(PREFIX + "/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        Authenticator auth = new Authenticator(store.apiKeys(), throttle);
        router.route(PREFIX + "/*").blockingHandler(auth::handle, false);
        router.route(PREFIX + "/*").handler(ctx -> limit(ctx, perKey, Authenticator.actor(ctx).keyId(), "this API key"));

        new AccountRoutes(store).register(router);
        for (String path : new String[] {"users", "trunks", "numbers", "meetings"}) {
            new ResourceRoutes(store.resource(path)).register(router);
        }
        new RegistrationRoutes(store.resource("trunks"), registrations).register(router);
        new ApiKeyRoutes(store).register(router);
        new RecordRoutes(store).register(router);
        new DialOutRoutes(store, gateway, dialOutLimiter).register(router);

        router.route().handler(ctx -> Problem.notFound().send(ctx));
        router.route().failureHandler(AdminApi::failure);
        return router;
    }

    static String address(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }

    /** Lets the request on when {@code limiter} has a token for {@code key}, else answers 429 with Retry-After. */
    private static void limit(RoutingContext ctx, RateLimiter limiter, String key, String who) {
        long wait = limiter.acquire(key);
        if (wait == 0) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("Retry-After", Long.toString(wait));
        ctx.fail(new Problem(429, "rate-limited", "Too many requests",
                "too many requests from " + who + "; retry after " + wait + " s", null));
    }

    private static void failure(RoutingContext ctx) {
        Throwable t = ctx.failure();
        if (ctx.response().ended()) {
            return;
        }
        Problem p;
        if (t instanceof Problem pr) {
            p = pr;
        } else if (t instanceof ValidationException v) {
            p = Problem.invalid(v.errors());
        } else if (t instanceof ConflictException c) {
            p = new Problem(409, "conflict", "Conflict", c.getMessage(), c.field() == null ? null
                    : java.util.List.of(new org.voxgate.server.store.FieldError(c.field(), "is already in use",
                    "a value no other object has")));
        } else if (t == null && ctx.statusCode() == 413) {
            p = new Problem(413, "too-large", "Body too large", "the body may have at most " + MAX_BODY_BYTES + " bytes", null);
        } else if (t == null) {
            int s = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            p = new Problem(s, "http-" + s, "HTTP " + s, "the request failed", null);
        } else {
            // The exception's class and message only: request bodies (which may hold secrets) are never logged.
            LOG.error("admin API {} {} failed: {}", ctx.request().method(), ctx.request().path(), t.toString());
            p = new Problem(500, "internal", "Internal error", "the server failed; see its log", null);
        }
        p.send(ctx);
    }
}
