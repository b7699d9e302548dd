package org.voxgate.server.cli;

import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;

/** {@code voxgate trunk ...}: SIP trunks over the admin API. */
@Command(name = "trunk", mixinStandardHelpOptions = true,
        description = "List, show, add, update or remove SIP trunks, or show a trunk's outbound registration "
                + "(status ID), over the admin API (key in VOXGATE_ADMIN_KEY).")
public final class TrunkCommand extends ResourceCommand {

    private static final List<String> COLUMNS = List.of("id", "name", "direction", "hosts", "port", "transport", "enabled");

    public TrunkCommand() {
        this(System.getenv());
    }

    /** For tests: reads VOXGATE_ADMIN_KEY and --secret-env variables from {@code env}. */
    public TrunkCommand(Map<String, String> env) {
        super("trunks", COLUMNS, env);
    }

    /** {@code trunk status ID}: the live registration (state, registrar, expiry, last failure, next attempt). */
    @Override
    String statusPath() {
        return "registration";
    }
}
