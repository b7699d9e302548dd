package org.voxgate.server.admin;

import java.util.Map;

import org.voxgate.server.store.Actor;
import org.voxgate.server.store.Change;
import org.voxgate.server.store.ResourceRepository;
import org.voxgate.server.store.Row;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * List, create, read, update (JSON merge patch with If-Match) and delete (with If-Match) for
 * one resource of the generic repository, under {@code /api/v1/<path>}. A foreign or unknown
 * id is 404 in every case.
 */
final class ResourceRoutes {

    private final ResourceRepository repo;
    private final String base;
    private final Permission read;
    private final Permission write;

    ResourceRoutes(ResourceRepository repo) {
        this.repo = repo;
        this.base = AdminApi.PREFIX + "/" + repo.def().path();
        this.read = Permission.read(repo.def().path());
        this.write = Permission.write(repo.def().path());
    }

    void register(Router router) {
        router.get(base).blockingHandler(this::list, false);
        router.post(base).blockingHandler(this::create, false);
        router.get(base + "/:id").blockingHandler(this::get, false);
        router.patch(base + "/:id").blockingHandler(this::update, false);
        router.delete(base + "/:id").blockingHandler(this::delete, false);
    }

    private void list(RoutingContext ctx) {
        Actor a = Authenticator.require(ctx, read);
        int[] p = Requests.paging(ctx);
        Requests.page(ctx, repo.list(a.accountId(), p[0], p[1]), p[0], Row::publicView);
    }

    private void create(RoutingContext ctx) {
        Actor a = Authenticator.require(ctx, write);
        Row r = repo.create(a, Requests.body(ctx));
        ctx.response().putHeader("Location", base + "/" + r.id());
        Requests.json(ctx, 201, r.publicView(), r.version());
    }

    private void get(RoutingContext ctx) {
        Actor a = Authenticator.require(ctx, read);
        Row r = repo.find(a.accountId(), ctx.pathParam("id")).orElseThrow(Problem::notFound);
        Requests.json(ctx, 200, r.publicView(), r.version());
    }

    private void update(RoutingContext ctx) {
        Actor a = Authenticator.require(ctx, write);
        int version = Requests.ifMatch(ctx);
        Map<String, Object> patch = Requests.body(ctx);
        notSelf(a, ctx.pathParam("id"), patch.containsKey("role"));
        Change c = repo.update(a, ctx.pathParam("id"), version, patch);
        Requests.check(ctx, c);
        Requests.json(ctx, 200, c.row().publicView(), c.row().version());
    }

    private void delete(RoutingContext ctx) {
        Actor a = Authenticator.require(ctx, write);
        int version = Requests.ifMatch(ctx);
        notSelf(a, ctx.pathParam("id"), true);
        Requests.check(ctx, repo.delete(a, ctx.pathParam("id"), version));
        ctx.response().setStatusCode(204).end();
    }

    /** An owner cannot delete or demote itself, so an account always keeps the owner acting on it. */
    private void notSelf(Actor a, String id, boolean changesRole) {
        if ("users".equals(repo.def().path()) && changesRole && id.equals(a.userId())) {
            throw new Problem(409, "conflict", "Conflict", "you cannot delete yourself or change your own role", null);
        }
    }
}
