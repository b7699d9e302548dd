package org.voxgate.server.admin;

import java.util.Map;

import org.voxgate.server.store.Field;
import org.voxgate.server.store.ResourceDef;
import org.voxgate.server.store.Resources;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The OpenAPI 3.1 description of the admin API, served at {@code /api/v1/openapi.json}. The
 * field schemas come from the same {@link Resources} definitions the server validates with;
 * the paths are written here by hand, and {@code OpenApiRoutesTest} checks them against the
 * router's actual routes.
 */
final class OpenApiDocument {

    private OpenApiDocument() {}

    static JsonObject build() {
        JsonObject paths = new JsonObject();
        JsonObject schemas = new JsonObject();
        schemas.put("Problem", problemSchema());
        schemas.put("Page", new JsonObject().put("type", "object").put("properties", new JsonObject()
                .put("items", new JsonObject().put("type", "array"))
                .put("offset", integer()).put("limit", integer()).put("total", integer())
                .put("nextOffset", new JsonObject().put("type", new JsonArray().add("integer").add("null")))));

        paths.put("/openapi.json", new JsonObject().put("get", op("This document", null, null, "200", false)));

        paths.put("/me", new JsonObject().put("get", op("Who your key is: accountId, accountName, platform, userId, "
                + "keyId, role", null, null, "200", true)));
        paths.put("/accounts", new JsonObject()
                .put("get", paged(op("List accounts: your own; platform owners see all", "ACCOUNT_READ", null, "200", true)))
                .put("post", op("Create an account with an owner and an API key shown once (platform owners only)",
                        "ACCOUNT_CREATE", "AccountCreate", "201", true)));
        paths.put("/accounts/{id}", withId(new JsonObject()
                .put("get", op("Read an account", "ACCOUNT_READ", null, "200", true))
                .put("patch", ifMatch(op("Rename your account", "ACCOUNT_WRITE", "AccountUpdate", "200", true))), "id"));
        schemas.put("AccountCreate", new JsonObject().put("type", "object").put("required", new JsonArray().add("name"))
                .put("properties", new JsonObject().put("name", string()).put("ownerName", string())));
        schemas.put("AccountUpdate", new JsonObject().put("type", "object")
                .put("properties", new JsonObject().put("name", string())));

        for (ResourceDef d : Resources.ALL) {
            String noun = d.noun();
            String in = schemaName(d) + "Input";
            schemas.put(in, inputSchema(d));
            schemas.put(schemaName(d), outputSchema(d));
            String perm = d.path().equals("users") ? "USER" : d.path().equals("numbers") ? "NUMBER"
                    : d.path().equals("trunks") ? "TRUNK" : "MEETING";
            paths.put("/" + d.path(), new JsonObject()
                    .put("get", paged(op("List " + noun + "s of your account", perm + "_READ", null, "200", true)))
                    .put("post", op("Create a " + noun, perm + "_WRITE", in, "201", true)));
            paths.put("/" + d.path() + "/{id}", withId(new JsonObject()
                    .put("get", op("Read a " + noun + " (ETag: its version)", perm + "_READ", null, "200", true))
                    .put("patch", ifMatch(op("Change a " + noun + " (JSON merge patch; null clears)", perm + "_WRITE",
                            in, "200", true)))
                    .put("delete", ifMatch(op("Delete a " + noun, perm + "_WRITE", null, "204", true))), "id"));
        }

        paths.put("/trunks/{id}/registration", withId(new JsonObject().put("get", op("The trunk's live outbound "
                + "registration: state (NOT_CONFIGURED, UNREGISTERED, REGISTERING, REGISTERED, RETRYING, FAILED, "
                + "UNREGISTERING), registrar, grantedExpirySeconds, expiresAt, lastStatusCode, lastFailure, "
                + "nextAttemptAt", "TRUNK_READ", null, "200", true)), "id"));
        schemas.put("Registration", new JsonObject().put("type", "object").put("properties", new JsonObject()
                .put("trunkId", string()).put("state", string())
                .put("registrar", new JsonObject().put("type", new JsonArray().add("string").add("null")))
                .put("grantedExpirySeconds", integer())
                .put("expiresAt", new JsonObject().put("type", new JsonArray().add("string").add("null")))
                .put("lastStatusCode", integer())
                .put("lastFailure", new JsonObject().put("type", new JsonArray().add("string").add("null")))
                .put("nextAttemptAt", new JsonObject().put("type", new JsonArray().add("string").add("null")))));

        paths.put("/users/{userId}/apikeys", withId(new JsonObject()
                .put("get", paged(op("List a user's API keys, oldest first (prefix only)", "APIKEY_READ", null, "200", true)))
                .put("post", op("Create an API key; the answer's key field is shown this once", "APIKEY_WRITE",
                        "ApiKeyCreate", "201", true)), "userId"));
        paths.put("/users/{userId}/apikeys/{keyId}", withId(withId(new JsonObject()
                .put("delete", op("Revoke an API key", "APIKEY_WRITE", null, "204", true)), "userId"), "keyId"));
        schemas.put("ApiKeyCreate", new JsonObject().put("type", "object")
                .put("properties", new JsonObject().put("label", string())));

        paths.put("/meetings/{id}/dial-out", withId(new JsonObject().put("post", op("Call a number into the meeting "
                + "through one of your trunks; 202 with Location of its status. 422 when the number is not E.164 or "
                + "the trunk's dialOutPrefixes do not cover it, 404 for a foreign meeting or trunk, 429 over 1 a second "
                + "(burst 5) per account. The callee hears \"press 1 to join\"", "MEETING_DIAL_OUT", "DialOut", "202",
                true)), "id"));
        paths.put("/meetings/{id}/dial-out/{dialId}", withId(withId(new JsonObject().put("get", op("Status of a "
                + "dial-out: DIALING, RINGING, EARLY_MEDIA, ANSWERED_AWAITING_CONFIRM, JOINED, ENDED, or FAILED with "
                + "failure (NO_ANSWER, BUSY, DECLINED, AUTH, NOT_CONFIRMED, REJECTED, UNREACHABLE, MEDIA, ...)",
                "MEETING_READ", null, "200", true)), "id"), "dialId"));
        schemas.put("DialOut", new JsonObject().put("type", "object")
                .put("required", new JsonArray().add("number").add("trunkId"))
                .put("properties", new JsonObject()
                        .put("number", string().put("pattern", "^\\+[1-9][0-9]{1,14}$"))
                        .put("trunkId", string())));

        paths.put("/cdrs", new JsonObject().put("get", paged(op("List call detail records, newest first", "CDR_READ",
                null, "200", true))));
        paths.put("/cdrs/{id}", withId(new JsonObject().put("get", op("Read a call detail record", "CDR_READ", null,
                "200", true)), "id"));
        paths.put("/audit", new JsonObject().put("get", paged(op("The audit log of your account, newest first: who, "
                + "what, before and after (no secrets)", "AUDIT_READ", null, "200", true))));

        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", "Voxgate admin API").put("version", "1")
                        .put("description", "Trunks, numbers and meetings for telecom admins. Errors are RFC 9457 "
                                + "problem details. Changes need If-Match with the ETag of your last read."))
                .put("servers", new JsonArray().add(new JsonObject().put("url", AdminApi.PREFIX)))
                .put("security", new JsonArray().add(new JsonObject().put("apiKey", new JsonArray())))
                .put("paths", paths)
                .put("components", new JsonObject().put("schemas", schemas).put("securitySchemes", new JsonObject()
                        .put("apiKey", new JsonObject().put("type", "http").put("scheme", "bearer")
                                .put("description", "an API key vgk_..."))));
    }

    private static String schemaName(ResourceDef d) {
        String n = d.noun().replace(" ", "");
        String camel = d.noun().contains(" ") ? "PhoneNumber" : n;
        return Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
    }

    private static JsonObject inputSchema(ResourceDef d) {
        JsonObject props = new JsonObject();
        JsonArray required = new JsonArray();
        for (Field f : d.fields()) {
            JsonObject s = new JsonObject(new java.util.LinkedHashMap<>(f.type().schema()));
            if (f.secret()) {
                s.put("writeOnly", true);
            }
            if (f.defaultValue() != null) {
                s.put("default", f.defaultValue());
            }
            props.put(f.name(), s);
            if (f.required()) {
                required.add(f.name());
            }
        }
        return new JsonObject().put("type", "object").put("additionalProperties", false).put("properties", props)
                .put("required", required);
    }

    private static JsonObject outputSchema(ResourceDef d) {
        JsonObject props = new JsonObject().put("id", new JsonObject().put("type", "string").put("format", "uuid"));
        for (Field f : d.fields()) {
            if (f.secret()) {
                props.put(f.setFlagName(), new JsonObject().put("type", "boolean")
                        .put("description", "whether " + f.name() + " is set; the value is never returned"));
            } else {
                props.put(f.name(), new JsonObject(new java.util.LinkedHashMap<>(f.type().schema())));
            }
        }
        props.put("version", integer()).put("createdAt", string()).put("updatedAt", string());
        return new JsonObject().put("type", "object").put("properties", props);
    }

    private static JsonObject op(String summary, String permission, String requestSchema, String okStatus, boolean secured) {
        JsonObject o = new JsonObject().put("summary", summary);
        if (permission != null) {
            o.put("description", "Needs permission " + permission + " (roles: " + roles(permission) + ").");
        }
        if (!secured) {
            o.put("security", new JsonArray());
        }
        if (requestSchema != null) {
            o.put("requestBody", new JsonObject().put("required", true).put("content", new JsonObject()
                    .put("application/json", new JsonObject().put("schema", ref(requestSchema)))));
        }
        JsonObject problem = new JsonObject().put("description", "problem details").put("content", new JsonObject()
                .put(Problem.MEDIA_TYPE, new JsonObject().put("schema", ref("Problem"))));
        JsonObject responses = new JsonObject().put(okStatus, new JsonObject().put("description", "success"));
        if (secured) {
            for (String s : new String[] {"401", "403", "404", "422", "429"}) {
                responses.put(s, problem);
            }
        }
        return o.put("responses", responses);
    }

    private static String roles(String permission) {
        Permission p = Permission.valueOf(permission);
        StringBuilder sb = new StringBuilder();
        for (org.voxgate.server.store.Role r : org.voxgate.server.store.Role.values()) {
            if (p.allows(r)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(r.wire());
            }
        }
        return sb.toString();
    }

    private static JsonObject paged(JsonObject op) {
        JsonArray params = op.getJsonArray("parameters", new JsonArray());
        params.add(new JsonObject().put("name", "limit").put("in", "query")
                .put("schema", integer().put("minimum", 1).put("maximum", Requests.MAX_LIMIT).put("default", Requests.DEFAULT_LIMIT)));
        params.add(new JsonObject().put("name", "offset").put("in", "query").put("schema", integer().put("minimum", 0)));
        return op.put("parameters", params);
    }

    private static JsonObject ifMatch(JsonObject op) {
        JsonArray params = op.getJsonArray("parameters", new JsonArray());
        params.add(new JsonObject().put("name", "If-Match").put("in", "header").put("required", true)
                .put("schema", string()).put("description", "the ETag of your last read; 412 when it changed since"));
        op.getJsonObject("responses").put("412", new JsonObject().put("description", "changed since your read"))
                .put("428", new JsonObject().put("description", "If-Match missing"));
        return op.put("parameters", params);
    }

    private static JsonObject withId(JsonObject pathItem, String name) {
        JsonArray params = pathItem.getJsonArray("parameters", new JsonArray());
        params.add(new JsonObject().put("name", name).put("in", "path").put("required", true).put("schema", string()));
        return pathItem.put("parameters", params);
    }

    private static JsonObject problemSchema() {
        return new JsonObject().put("type", "object").put("description", "RFC 9457 problem details")
                .put("properties", new JsonObject().put("type", string()).put("title", string()).put("status", integer())
                        .put("detail", string()).put("instance", string())
                        .put("errors", new JsonObject().put("type", "array").put("items", new JsonObject()
                                .put("type", "object").put("properties", new JsonObject(Map.of("field", string(),
                                        "problem", string(), "allowed", string()))))));
    }

    private static JsonObject ref(String name) {
        return new JsonObject().put("$ref", "#/components/schemas/" + name);
    }

    private static JsonObject string() {
        return new JsonObject().put("type", "string");
    }

    private static JsonObject integer() {
        return new JsonObject().put("type", "integer");
    }
}
