package org.voxgate.server.cli;

import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;

/** {@code voxgate account ...}: accounts over the admin API. */
@Command(name = "account", mixinStandardHelpOptions = true,
        description = "List, show, add or update accounts (tenants; add and list-all for platform owners; a new account's key is shown once) over the admin API (key in VOXGATE_ADMIN_KEY).")
public final class AccountCommand extends ResourceCommand {

    private static final List<String> COLUMNS = List.of("id", "name", "platform", "createdAt");

    public AccountCommand() {
        this(System.getenv());
    }

    /** For tests: reads VOXGATE_ADMIN_KEY and --secret-env variables from {@code env}. */
    public AccountCommand(Map<String, String> env) {
        super("accounts", COLUMNS, env);
    }

    @Override
    boolean removable() {
        return false;
    }
}
