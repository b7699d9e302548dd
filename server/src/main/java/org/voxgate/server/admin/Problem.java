package org.voxgate.server.admin;

import java.util.List;

import org.voxgate.server.store.FieldError;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * An RFC 9457 problem details answer ({@code application/problem+json}). Thrown by handlers
 * and written by the router's failure handler. Never carries a secret value.
 */
public final class Problem extends RuntimeException {

    /** Media type of RFC 9457 section 3. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private final int status;
    private final String type;
    private final String title;
    private final transient List<FieldError> errors;

    public Problem(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem notFound() {
        return new Problem(404, "not-found", "Not found", "no such object in your account", null);
    }

    public static Problem forbidden(Permission p) {
        return new Problem(403, "forbidden", "Forbidden", "your role may not " + p.name().toLowerCase().replace('_', ' '), null);
    }

    public static Problem invalid(List<FieldError> errors) {
        return new Problem(422, "validation", "Invalid input", errors.size() + " field(s) rejected", errors);
    }

    public static Problem invalid(String field, String problem, String allowed) {
        return invalid(List.of(new FieldError(field, problem, allowed)));
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "bad-request", "Bad request", detail, null);
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    JsonObject toJson(String instance) {
        JsonObject o = new JsonObject().put("type", "urn:voxgate:problem:" + type).put("title", title)
                .put("status", status).put("detail", getMessage()).put("instance", instance);
        if (!errors.isEmpty()) {
            JsonArray a = new JsonArray();
            for (FieldError e : errors) {
                a.add(new JsonObject().put("field", e.field()).put("problem", e.problem()).put("allowed", e.allowed()));
            }
            o.put("errors", a);
        }
        return o;
    }

    void send(RoutingContext ctx) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE)
                .end(toJson(ctx.request().path()).encode());
    }
}
