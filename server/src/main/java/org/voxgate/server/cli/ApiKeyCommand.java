package org.voxgate.server.cli;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code voxgate apikey list|show|add|remove --user USER}: a user's API keys. The API keeps
 * only a hash, so the key itself is printed once, by {@code add}; list and show give its
 * prefix. Keys are not changed, only added and revoked.
 */
@Command(name = "apikey", mixinStandardHelpOptions = true,
        description = "List, show, add or remove (revoke) a user's API keys over the admin API (key in VOXGATE_ADMIN_KEY). "
                + "A new key is printed once.")
public final class ApiKeyCommand extends TableCommand {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final List<String> COLUMNS = List.of("id", "prefix", "label", "createdAt", "lastUsedAt");

    enum Action { list, show, add, remove }

    @Parameters(index = "0", description = "list, show, add or remove")
    Action action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "KEY_ID", description = "the key's id (show, remove)")
    String keyId;

    @Option(names = "--user", required = true, paramLabel = "USER", description = "the user's id or name")
    String user;

    @Option(names = "--label", description = "add: a label for the key (up to 100 characters)")
    String label;

    @Option(names = "--limit", defaultValue = "50", description = "list: page size (1-200)")
    int limit;

    @Option(names = "--offset", defaultValue = "0", description = "list: where the page starts")
    int offset;

    public ApiKeyCommand() {
        this(System.getenv());
    }

    /** For tests: reads VOXGATE_ADMIN_KEY from {@code env}. */
    public ApiKeyCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    int run(AdminClient c) throws IOException {
        if ((action == Action.show || action == Action.remove) == (keyId == null)) {
            return usage(action + (keyId == null ? " needs a key id" : " takes no key id"));
        }
        AdminClient.Answer u = userId(c);
        if (!u.ok()) {
            return failed(u);
        }
        String base = "/users/" + enc(u.body()) + "/apikeys";
        switch (action) {
            case list -> {
                AdminClient.Answer a = c.send("GET", base + "?limit=" + limit + "&offset=" + offset, null, null);
                if (!a.ok()) {
                    return failed(a);
                }
                printPage(new JsonObject(a.body()), COLUMNS);
            }
            case show -> {
                for (int off = 0; ; ) {
                    AdminClient.Answer a = c.send("GET", base + "?limit=200&offset=" + off, null, null);
                    if (!a.ok()) {
                        return failed(a);
                    }
                    JsonObject page = new JsonObject(a.body());
                    for (Object o : page.getJsonArray("items")) {
                        if (keyId.equals(((JsonObject) o).getString("id"))) {
                            printObject((JsonObject) o);
                            return 0;
                        }
                    }
                    Integer next = page.getInteger("nextOffset");
                    if (next == null) {
                        err().println("voxgate: 404 Not found: user " + user + " has no key " + keyId);
                        return API_ERROR;
                    }
                    off = next;
                }
            }
            case add -> {
                JsonObject body = new JsonObject();
                if (label != null) {
                    body.put("label", label);
                }
                AdminClient.Answer a = c.send("POST", base, body.encode(), null);
                if (!a.ok()) {
                    return failed(a);
                }
                JsonObject o = new JsonObject(a.body());
                printObject(o);
                warnKeyShownOnce(o);
            }
            default -> {
                AdminClient.Answer a = c.send("DELETE", base + "/" + enc(keyId), null, null);
                if (!a.ok()) {
                    return failed(a);
                }
                out().println("revoked " + keyId);
            }
        }
        return 0;
    }

    /** The user's id as the answer's body: {@code --user} when it is an id, else looked up by name. */
    private AdminClient.Answer userId(AdminClient c) throws IOException {
        if (UUID.matcher(user).matches()) {
            return new AdminClient.Answer(200, user, null);
        }
        for (int off = 0; ; ) {
            AdminClient.Answer a = c.send("GET", "/users?limit=200&offset=" + off, null, null);
            if (!a.ok()) {
                return a;
            }
            JsonObject page = new JsonObject(a.body());
            for (Object o : page.getJsonArray("items")) {
                if (user.equals(((JsonObject) o).getString("name"))) {
                    return new AdminClient.Answer(200, ((JsonObject) o).getString("id"), null);
                }
            }
            Integer next = page.getInteger("nextOffset");
            if (next == null) {
                return new AdminClient.Answer(404, new JsonObject().put("title", "Not found")
                        .put("detail", "no user named " + user + " in your account").encode(), null);
            }
            off = next;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
