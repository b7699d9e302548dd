package org.voxgate.server.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import org.voxgate.server.store.Actor;
import org.voxgate.server.store.AuditLog;
import org.voxgate.server.store.CdrRepository;
import org.voxgate.server.store.Store;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Read-only records: {@code /api/v1/cdrs} and {@code /api/v1/audit}. */
final class RecordRoutes {

    private final Store store;

    RecordRoutes(Store store) {
        this.store = store;
    }

    void register(Router router) {
        router.get(AdminApi.PREFIX + "/cdrs").blockingHandler(this::cdrs, false);
        router.get(AdminApi.PREFIX + "/cdrs/:id").blockingHandler(this::cdr, false);
        router.get(AdminApi.PREFIX + "/audit").blockingHandler(this::audit, false);
    }

    private void cdrs(RoutingContext ctx) {
        Actor a = Authenticator.require(ctx, Permission.CDR_READ);
        int[] p = Requests.paging(ctx);
        Requests.page(ctx, store.cdrs().list(a.accountId(), p[0], p[1]), p[0], CdrRepository.Cdr::publicView);
    }

    private void cdr(RoutingContext ctx) {
        Actor a = Authenticator.require(ctx, Permission.CDR_READ);
        CdrRepository.Cdr c = store.cdrs().find(a.accountId(), ctx.pathParam("id")).orElseThrow(Problem::notFound);
        Requests.json(ctx, 200, c.publicView(), null);
    }

    private void audit(RoutingContext ctx) {
        Actor a = Authenticator.require(ctx, Permission.AUDIT_READ);
        int[] p = Requests.paging(ctx);
        Requests.page(ctx, store.audit().list(a.accountId(), p[0], p[1]), p[0], RecordRoutes::view);
    }

    static Map<String, Object> view(AuditLog.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", e.at().toString());
        m.put("actorUserId", e.actorUserId());
        m.put("actorKeyId", e.actorKeyId());
        m.put("action", e.action());
        m.put("objectType", e.objectType());
        m.put("objectId", e.objectId());
        m.put("before", e.before() == null ? null : new JsonObject(e.before()).getMap());
        m.put("after", e.after() == null ? null : new JsonObject(e.after()).getMap());
        return m;
    }
}
