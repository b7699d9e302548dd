package org.voxgate.server.cli;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code voxgate <account|user|trunk|number|meeting> list|show|add|update|remove} over the
 * admin API. Fields are given as {@code --set name=value} (the value is read as JSON when it
 * parses, else as text) and secrets as {@code --secret-env name=ENV_VAR} so they stay off the
 * command line. Update and remove read the object first and send its ETag in If-Match. Prints
 * a table, or the API's JSON with {@code --json}; an API error prints the problem and each
 * rejected field, and exits 1.
 */
abstract class ResourceCommand extends TableCommand {

    enum Action { list, show, add, update, remove, status }

    private final String path;
    private final List<String> columns;

    // optional for picocli so that a subcommand (meeting dial-out) can stand in its place; run() insists
    @Parameters(index = "0", arity = "0..1", description = "list, show, add, update, remove (trunks: also status)")
    Action action;

    @Parameters(index = "1", arity = "0..1", description = "the object's id (show, update, remove, status)")
    String id;

    @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "a field to set; VALUE is JSON when it parses (5060, true, [\"a\"], null), else text")
    List<String> sets = new ArrayList<>();

    @Option(names = "--secret-env", paramLabel = "FIELD=ENV_VAR", description = "a secret field, read from an environment variable")
    List<String> secretEnvs = new ArrayList<>();

    @Option(names = "--limit", defaultValue = "50", description = "list: page size (1-200)")
    int limit;

    @Option(names = "--offset", defaultValue = "0", description = "list: where the page starts")
    int offset;

    /**
     * @param path    the API path segment, e.g. {@code trunks}
     * @param columns the fields a list shows as table columns
     * @param env     where VOXGATE_ADMIN_KEY and --secret-env variables are read
     */
    ResourceCommand(String path, List<String> columns, Map<String, String> env) {
        super(env);
        this.path = "/" + path;
        this.columns = List.copyOf(columns);
    }

    /** The path under an object that {@code status} reads, or null when the kind has no status. */
    String statusPath() {
        return null;
    }

    /** Whether the API can delete this kind of object. */
    boolean removable() {
        return true;
    }

    @Override
    int run(AdminClient c) throws IOException {
        if (action == null) {
            return usage("missing action: list, show, add, update or remove");
        }
        if ((action == Action.show || action == Action.update || action == Action.remove
                || action == Action.status) == (id == null)) {
            return usage(action + (id == null ? " needs an id" : " takes no id"));
        }
        if (action == Action.status && statusPath() == null) {
            return usage(spec.name() + " objects have no status");
        }
        if (action == Action.remove && !removable()) {
            return usage(spec.name() + " objects cannot be removed over the API");
        }
        String self = id == null ? path : path + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        AdminClient.Answer a;
        switch (action) {
            case list -> a = c.send("GET", path + "?limit=" + limit + "&offset=" + offset, null, null);
            case show -> a = c.send("GET", self, null, null);
            case status -> a = c.send("GET", self + "/" + statusPath(), null, null);
            case add -> {
                JsonObject body = fields();
                if (body == null) {
                    return USAGE;
                }
                a = c.send("POST", path, body.encode(), null);
            }
            case update -> {
                JsonObject body = fields();
                if (body == null) {
                    return USAGE;
                }
                AdminClient.Answer current = c.send("GET", self, null, null);
                a = current.ok() ? c.send("PATCH", self, body.encode(), current.etag()) : current;
            }
            default -> {
                AdminClient.Answer current = c.send("GET", self, null, null);
                a = current.ok() ? c.send("DELETE", self, null, current.etag()) : current;
            }
        }
        if (!a.ok()) {
            return failed(a);
        }
        if (a.status() == 204) {
            out().println("removed " + id);
        } else if (action == Action.list) {
            printPage(new JsonObject(a.body()), columns);
        } else {
            JsonObject o = new JsonObject(a.body());
            printObject(o);
            warnKeyShownOnce(o);
        }
        return 0;
    }

    private JsonObject fields() {
        JsonObject o = new JsonObject();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                usage("--set wants FIELD=VALUE, got " + s);
                return null;
            }
            o.put(s.substring(0, eq), value(s.substring(eq + 1)));
        }
        for (String s : secretEnvs) {
            int eq = s.indexOf('=');
            String v = eq <= 0 ? null : env.get(s.substring(eq + 1));
            if (v == null) {
                usage("--secret-env wants FIELD=ENV_VAR naming a set variable: " + s);
                return null;
            }
            o.put(s.substring(0, eq), v);
        }
        return o;
    }

    static Object value(String text) {
        try {
            return io.vertx.core.json.Json.decodeValue(text);
        } catch (DecodeException e) {
            return text;
        }
    }
}
