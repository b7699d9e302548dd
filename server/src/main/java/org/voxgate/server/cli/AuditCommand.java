package org.voxgate.server.cli;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code voxgate audit list}: the account's audit log, newest first (who, what, which object;
 * {@code --json} adds the before and after views, which never hold secrets).
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "List the audit log of your account, newest first, over the admin API (key in VOXGATE_ADMIN_KEY).")
public final class AuditCommand extends TableCommand {

    private static final List<String> COLUMNS = List.of("at", "action", "objectType", "objectId", "actorUserId");

    enum Action { list }

    @Parameters(index = "0", description = "list")
    Action action;

    @Option(names = "--limit", defaultValue = "50", description = "page size (1-200)")
    int limit;

    @Option(names = "--offset", defaultValue = "0", description = "where the page starts (0: newest)")
    int offset;

    public AuditCommand() {
        this(System.getenv());
    }

    /** For tests: reads VOXGATE_ADMIN_KEY from {@code env}. */
    public AuditCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    int run(AdminClient c) throws IOException {
        AdminClient.Answer a = c.send("GET", "/audit?limit=" + limit + "&offset=" + offset, null, null);
        if (!a.ok()) {
            return failed(a);
        }
        printPage(new JsonObject(a.body()), COLUMNS);
        return 0;
    }
}
