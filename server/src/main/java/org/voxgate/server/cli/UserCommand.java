package org.voxgate.server.cli;

import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;

/** {@code voxgate user ...}: users of your account over the admin API. */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "List, show, add, update or remove users of your account (API keys: voxgate apikey) over the admin API (key in VOXGATE_ADMIN_KEY).")
public final class UserCommand extends ResourceCommand {

    private static final List<String> COLUMNS = List.of("id", "name", "role");

    public UserCommand() {
        this(System.getenv());
    }

    /** For tests: reads VOXGATE_ADMIN_KEY and --secret-env variables from {@code env}. */
    public UserCommand(Map<String, String> env) {
        super("users", COLUMNS, env);
    }
}
