package org.voxgate.server.cli;

import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;

/** {@code voxgate number ...}: phone numbers over the admin API. */
@Command(name = "number", mixinStandardHelpOptions = true,
        description = "List, show, add, update or remove phone numbers over the admin API (key in VOXGATE_ADMIN_KEY).")
public final class NumberCommand extends ResourceCommand {

    private static final List<String> COLUMNS = List.of("id", "e164", "trunkId", "route", "meetingId");

    public NumberCommand() {
        this(System.getenv());
    }

    /** For tests: reads VOXGATE_ADMIN_KEY and --secret-env variables from {@code env}. */
    public NumberCommand(Map<String, String> env) {
        super("numbers", COLUMNS, env);
    }
}
