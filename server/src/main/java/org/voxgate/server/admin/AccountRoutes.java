package org.voxgate.server.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import org.voxgate.server.store.AccountRepository;
import org.voxgate.server.store.AccountRepository.Account;
import org.voxgate.server.store.Actor;
import org.voxgate.server.store.Page;
import org.voxgate.server.store.Store;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/v1/accounts}: every caller sees its own account; owners of the platform account
 * also see and create the others (a new account comes with an owner and a key shown once).
 */
final class AccountRoutes {

    private static final String BASE = AdminApi.PREFIX + "/accounts";
    private final Store store;

    AccountRoutes(Store store) {
        this.store = store;
    }

    void register(Router router) {
        router.get(BASE).blockingHandler(this::list, false);
        router.post(BASE).blockingHandler(this::create, false);
        router.get(BASE + "/:id").blockingHandler(this::get, false);
        router.patch(BASE + "/:id").blockingHandler(this::update, false);
        router.get(AdminApi.PREFIX + "/me").blockingHandler(this::me, false);
    }

    /** Who the key is: its account, user, role; for clients (the CLI's config commands). */
    private void me(RoutingContext ctx) {
        Actor a = Authenticator.actor(ctx);
        Account acc = store.accounts().find(a.accountId()).orElseThrow(Problem::notFound);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accountId", acc.id());
        out.put("accountName", acc.name());
        out.put("platform", acc.platform());
        out.put("userId", a.userId());
        out.put("keyId", a.keyId());
        out.put("role", a.role().wire());
        Requests.json(ctx, 200, out, null);
    }

    private static boolean platformOwner(Actor a) {
        return a.platformAccount() && Permission.ACCOUNT_CREATE.allows(a.role());
    }

    private void list(RoutingContext ctx) {
        Actor a = Authenticator.require(ctx, Permission.ACCOUNT_READ);
        int[] p = Requests.paging(ctx);
        Page<Account> page = platformOwner(a) ? store.accounts().listAll(p[0], p[1])
                : new Page<>(p[1] == 0 ? java.util.List.of(store.accounts().find(a.accountId()).orElseThrow())
                : java.util.List.of(), p[1], 1);
        Requests.page(ctx, page, p[0], Account::publicView);
    }

    private void create(RoutingContext ctx) {
        Actor a = Authenticator.require(ctx, Permission.ACCOUNT_CREATE);
        if (!a.platformAccount()) {
            throw new Problem(403, "forbidden", "Forbidden", "only owners of the platform account create accounts", null);
        }
        Map<String, Object> body = Requests.body(ctx);
        for (String k : body.keySet()) {
            if (!k.equals("name") && !k.equals("ownerName")) {
                throw Problem.invalid(k, "is not a field of an account", "the fields name, ownerName");
            }
        }
        Store.NewAccount n = store.createAccount(a, body.get("name"), body.get("ownerName"));
        Map<String, Object> out = new LinkedHashMap<>(n.account().publicView());
        out.put("ownerUserId", n.ownerUserId());
        out.put("apiKey", n.key().plaintext());
        ctx.response().putHeader("Location", BASE + "/" + n.account().id());
        Requests.json(ctx, 201, out, n.account().version());
    }

    private Account visible(Actor a, String id) {
        if (!id.equals(a.accountId()) && !platformOwner(a)) {
            throw Problem.notFound();
        }
        return store.accounts().find(id).orElseThrow(Problem::notFound);
    }

    private void get(RoutingContext ctx) {
        Actor a = Authenticator.require(ctx, Permission.ACCOUNT_READ);
        Account acc = visible(a, ctx.pathParam("id"));
        Requests.json(ctx, 200, acc.publicView(), acc.version());
    }

    private void update(RoutingContext ctx) {
        Actor a = Authenticator.require(ctx, Permission.ACCOUNT_WRITE);
        int version = Requests.ifMatch(ctx);
        String id = ctx.pathParam("id");
        if (!id.equals(a.accountId())) {
            throw Problem.notFound();
        }
        Map<String, Object> body = Requests.body(ctx);
        for (String k : body.keySet()) {
            if (!k.equals("name")) {
                throw Problem.invalid(k, "is not a changeable field of an account", "the field name");
            }
        }
        String name = AccountRepository.checkName(body.get("name"));
        var status = store.accounts().rename(a, id, version, name);
        Requests.check(ctx, new org.voxgate.server.store.Change(status, null));
        Account acc = store.accounts().find(id).orElseThrow();
        Requests.json(ctx, 200, acc.publicView(), acc.version());
    }
}
