package org.voxgate.server.cli;

import java.util.Map;

import picocli.CommandLine.Command;

/** {@code voxgate trunk ...}: SIP trunks over the admin API. */
@Command(name = "trunk", mixinStandardHelpOptions = true,
        description = "List, show, add, update or remove SIP trunks over the admin API (key in VOXGATE_ADMIN_KEY).")
public final class TrunkCommand extends ResourceCommand {

    public TrunkCommand() {
        super("trunks");
    }

    /** For tests: reads VOXGATE_ADMIN_KEY and --secret-env variables from {@code env}. */
    public TrunkCommand(Map<String, String> env) {
        super("trunks", env);
    }
}
