package org.voxgate.server.cli;

import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;

/** {@code voxgate meeting ...}: meetings over the admin API. */
@Command(name = "meeting", mixinStandardHelpOptions = true, subcommands = MeetingDialOutCommand.class,
        description = "List, show, add, update or remove meetings over the admin API (key in VOXGATE_ADMIN_KEY); "
                + "dial-out calls a number into one.")
public final class MeetingCommand extends ResourceCommand {

    private static final List<String> COLUMNS = List.of("id", "name", "accessCode", "maxParticipants", "locked", "recordingPolicy");

    public MeetingCommand() {
        this(System.getenv());
    }

    /** For tests: reads VOXGATE_ADMIN_KEY and --secret-env variables from {@code env}. */
    public MeetingCommand(Map<String, String> env) {
        super("meetings", COLUMNS, env);
    }
}
