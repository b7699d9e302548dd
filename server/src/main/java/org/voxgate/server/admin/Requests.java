package org.voxgate.server.admin;

import java.util.List;
import java.util.Map;

import org.voxgate.server.store.Change;
import org.voxgate.server.store.Page;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reading requests and writing JSON answers: bodies, pagination, ETag and If-Match. */
final class Requests {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private Requests() {}

    /** The body as a JSON object's fields (numbers as Integer/Long, lists as List). */
    static Map<String, Object> body(RoutingContext ctx) {
        String ct = ctx.request().getHeader("Content-Type");
        if (ct == null || !(ct.startsWith("application/json") || ct.startsWith("application/merge-patch+json"))) {
            throw new Problem(415, "unsupported-media-type", "Unsupported media type",
                    "send Content-Type: application/json", null);
        }
        if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() == 0) {
            throw Problem.badRequest("the body must be a JSON object");
        }
        String text = ctx.body().asString().strip();
        if (!text.startsWith("{")) {
            throw Problem.badRequest("the body must be a JSON object");
        }
        try {
            return plain(new JsonObject(text));
        } catch (DecodeException | ClassCastException e) {
            throw Problem.badRequest("the body is not valid JSON");
        }
    }

    /** JsonObject to plain maps and lists, recursively. */
    static Map<String, Object> plain(JsonObject o) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Object> e : o) {
            m.put(e.getKey(), plainValue(e.getValue()));
        }
        return m;
    }

    private static Object plainValue(Object v) {
        if (v instanceof JsonObject jo) {
            return plain(jo);
        }
        if (v instanceof JsonArray ja) {
            List<Object> l = new java.util.ArrayList<>();
            for (Object x : ja) {
                l.add(plainValue(x));
            }
            return l;
        }
        return v;
    }

    /** {@code ?limit} (1..200, default 50) and {@code ?offset} (at least 0, default 0). */
    static int[] paging(RoutingContext ctx) {
        return new int[] {intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT), intParam(ctx, "offset", 0, 0, 1_000_000)};
    }

    private static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
        String s = ctx.queryParams().get(name);
        if (s == null) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(s);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw Problem.invalid(name, "is not allowed", "a whole number from " + min + " to " + max);
    }

    static String etag(int version) {
        return "\"v" + version + "\"";
    }

    /**
     * The version named by {@code If-Match}: required for changes (428 when absent), and must
     * be one of our ETags (412 otherwise, as a mismatch would be).
     */
    static int ifMatch(RoutingContext ctx) {
        String h = ctx.request().getHeader("If-Match");
        if (h == null) {
            throw new Problem(428, "precondition-required", "Precondition required",
                    "send If-Match with the ETag from your last read, so concurrent edits are not lost", null);
        }
        String t = h.trim();
        if (t.startsWith("W/")) {
            t = t.substring(2);
        }
        if (t.matches("\"v[0-9]{1,9}\"")) {
            return Integer.parseInt(t.substring(2, t.length() - 1));
        }
        throw precondition();
    }

    static Problem precondition() {
        return new Problem(412, "precondition-failed", "Precondition failed",
                "the object was changed since you read it: read it again and reapply your change", null);
    }

    /** Maps a non-OK {@link Change} to its problem. */
    static void check(RoutingContext ctx, Change c) {
        switch (c.status()) {
            case NOT_FOUND -> throw Problem.notFound();
            case VERSION_MISMATCH -> {
                if (c.row() != null) {
                    ctx.response().putHeader("ETag", etag(c.row().version()));
                }
                throw precondition();
            }
            case OK -> { }
        }
    }

    static void json(RoutingContext ctx, int status, Map<String, Object> body, Integer version) {
        var r = ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        if (version != null) {
            r.putHeader("ETag", etag(version));
        }
        r.end(new JsonObject(body).encode());
    }

    static <T> void page(RoutingContext ctx, Page<T> page, int limit, java.util.function.Function<T, Map<String, Object>> view) {
        JsonArray items = new JsonArray();
        for (T t : page.items()) {
            items.add(new JsonObject(view.apply(t)));
        }
        JsonObject o = new JsonObject().put("items", items).put("offset", page.offset()).put("limit", limit)
                .put("total", page.total()).put("nextOffset", page.nextOffset() < 0 ? null : page.nextOffset());
        ctx.response().putHeader("Content-Type", "application/json").end(o.encode());
    }
}
