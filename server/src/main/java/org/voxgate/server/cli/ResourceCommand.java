package org.voxgate.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code voxgate <trunk|number|meeting> list|show|add|update|remove} over the admin API.
 * Fields are given as {@code --set name=value} (the value is read as JSON when it parses,
 * else as text) and secrets as {@code --secret-env name=ENV_VAR} so they stay off the command
 * line. Update and remove read the object first and send its ETag in If-Match. Prints JSON;
 * an API error prints the problem and each rejected field, and exits 1.
 */
abstract class ResourceCommand implements Callable<Integer> {

    enum Action { list, show, add, update, remove }

    private final String path;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "list, show, add, update or remove")
    Action action;

    @Parameters(index = "1", arity = "0..1", description = "the object's id (show, update, remove)")
    String id;

    @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "a field to set; VALUE is JSON when it parses (5060, true, [\"a\"], null), else text")
    List<String> sets = new ArrayList<>();

    @Option(names = "--secret-env", paramLabel = "FIELD=ENV_VAR", description = "a secret field, read from an environment variable")
    List<String> secretEnvs = new ArrayList<>();

    @Option(names = "--limit", defaultValue = "50", description = "list: page size (1-200)")
    int limit;

    @Option(names = "--offset", defaultValue = "0", description = "list: where the page starts")
    int offset;

    @Option(names = "--url", defaultValue = "${env:VOXGATE_ADMIN_URL:-https://localhost:8443/api/v1}",
            description = "admin API base URL (env VOXGATE_ADMIN_URL)")
    String url;

    @Option(names = "--cacert", paramLabel = "PEM",
            description = "certificates to trust; default data/admin-tls/cert.pem when it exists, else the JDK's trust store")
    Path cacert;

    private final Map<String, String> env;

    ResourceCommand(String path) {
        this(path, System.getenv());
    }

    ResourceCommand(String path, Map<String, String> env) {
        this.path = "/" + path;
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String key = env.get("VOXGATE_ADMIN_KEY");
        if (key == null || key.isEmpty()) {
            err.println("voxgate: set VOXGATE_ADMIN_KEY to your API key");
            return 2;
        }
        if ((action == Action.show || action == Action.update || action == Action.remove) == (id == null)) {
            err.println("voxgate: " + action + (id == null ? " needs an id" : " takes no id"));
            return 2;
        }
        Path ca = cacert != null ? cacert : Files.isReadable(Path.of("data/admin-tls/cert.pem"))
                ? Path.of("data/admin-tls/cert.pem") : null;
        AdminClient c = new AdminClient(url, key, ca);
        String self = id == null ? path : path + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        AdminClient.Answer a;
        switch (action) {
            case list -> a = c.send("GET", path + "?limit=" + limit + "&offset=" + offset, null, null);
            case show -> a = c.send("GET", self, null, null);
            case add -> {
                JsonObject body = fields(err);
                if (body == null) {
                    return 2;
                }
                a = c.send("POST", path, body.encode(), null);
            }
            case update -> {
                JsonObject body = fields(err);
                if (body == null) {
                    return 2;
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
            printProblem(err, a);
            return 1;
        }
        if (a.status() == 204) {
            out.println("removed " + id);
        } else {
            out.println(new JsonObject(a.body()).encodePrettily());
        }
        out.flush();
        return 0;
    }

    private JsonObject fields(PrintWriter err) {
        JsonObject o = new JsonObject();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                err.println("voxgate: --set wants FIELD=VALUE, got " + s);
                return null;
            }
            o.put(s.substring(0, eq), value(s.substring(eq + 1)));
        }
        for (String s : secretEnvs) {
            int eq = s.indexOf('=');
            String v = eq <= 0 ? null : env.get(s.substring(eq + 1));
            if (v == null) {
                err.println("voxgate: --secret-env wants FIELD=ENV_VAR naming a set variable: " + s);
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

    private static void printProblem(PrintWriter err, AdminClient.Answer a) {
        JsonObject p;
        try {
            p = new JsonObject(a.body());
        } catch (DecodeException | ClassCastException e) {
            err.println("voxgate: HTTP " + a.status());
            err.flush();
            return;
        }
        err.println("voxgate: " + a.status() + " " + p.getString("title", "") + ": " + p.getString("detail", ""));
        JsonArray errors = p.getJsonArray("errors");
        if (errors != null) {
            for (Object o : errors) {
                JsonObject e = (JsonObject) o;
                err.println("  " + e.getString("field") + " " + e.getString("problem") + " (allowed: "
                        + e.getString("allowed") + ")");
            }
        }
        err.flush();
    }
}
