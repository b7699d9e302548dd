package org.voxgate.server.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import org.voxgate.server.store.Actor;
import org.voxgate.server.store.ApiKeyRepository;
import org.voxgate.server.store.Store;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/v1/users/:id/apikeys}: a user's keys; the plain key is in the create answer only. */
final class ApiKeyRoutes {

    private static final String BASE = AdminApi.PREFIX + "/users/:userId/apikeys";
    private final Store store;

    ApiKeyRoutes(Store store) {
        this.store = store;
    }

    void register(Router router) {
        router.get(BASE).blockingHandler(this::list, false);
        router.post(BASE).blockingHandler(this::create, false);
        router.delete(BASE + "/:keyId").blockingHandler(this::revoke, false);
    }

    private void userExists(Actor a, String userId) {
        store.users().find(a.accountId(), userId).orElseThrow(Problem::notFound);
    }

    private void list(RoutingContext ctx) {
        Actor a = Authenticator.require(ctx, Permission.APIKEY_READ);
        String userId = ctx.pathParam("userId");
        userExists(a, userId);
        int[] p = Requests.paging(ctx);
        Requests.page(ctx, store.apiKeys().listForUser(a.accountId(), userId, p[0], p[1]), p[0],
                ApiKeyRepository.KeyInfo::publicView);
    }

    private void create(RoutingContext ctx) {
        Actor a = Authenticator.require(ctx, Permission.APIKEY_WRITE);
        Map<String, Object> body = Requests.body(ctx);
        for (String k : body.keySet()) {
            if (!k.equals("label")) {
                throw Problem.invalid(k, "is not a field of an API key", "the field label");
            }
        }
        Object label = body.getOrDefault("label", "");
        if (!(label instanceof String s) || !s.matches("[^\\p{Cntrl}]{0,100}")) {
            throw Problem.invalid("label", "is not allowed", "up to 100 characters, no control characters");
        }
        ApiKeyRepository.Created c = store.apiKeys().issue(a, ctx.pathParam("userId"), (String) label)
                .orElseThrow(Problem::notFound);
        Map<String, Object> out = new LinkedHashMap<>(c.info().publicView());
        out.put("key", c.plaintext());
        ctx.response().putHeader("Location", AdminApi.PREFIX + "/users/" + c.info().userId() + "/apikeys/" + c.info().id());
        Requests.json(ctx, 201, out, null);
    }

    private void revoke(RoutingContext ctx) {
        Actor a = Authenticator.require(ctx, Permission.APIKEY_WRITE);
        if (!store.apiKeys().revoke(a, ctx.pathParam("userId"), ctx.pathParam("keyId"))) {
            throw Problem.notFound();
        }
        ctx.response().setStatusCode(204).end();
    }
}
