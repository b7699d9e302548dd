package org.voxgate.server.cli;

import java.util.Map;

import picocli.CommandLine.Command;

/** {@code voxgate number ...}: phone numbers over the admin API. */
@Command(name = "number", mixinStandardHelpOptions = true,
        description = "List, show, add, update or remove phone numbers over the admin API (key in VOXGATE_ADMIN_KEY).")
public final class NumberCommand extends ResourceCommand {

    public NumberCommand() {
        super("numbers");
    }

    /** For tests: reads VOXGATE_ADMIN_KEY and --secret-env variables from {@code env}. */
    public NumberCommand(Map<String, String> env) {
        super("numbers", env);
    }
}
