package org.voxgate.server;

import org.voxgate.server.cli.AccountCommand;
import org.voxgate.server.cli.ApiKeyCommand;
import org.voxgate.server.cli.AuditCommand;
import org.voxgate.server.cli.CompletionCommand;
import org.voxgate.server.cli.ConfigCommand;
import org.voxgate.server.cli.MeetingCommand;
import org.voxgate.server.cli.NumberCommand;
import org.voxgate.server.cli.TrunkCommand;
import org.voxgate.server.cli.UserCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Command-line entry point of the {@code voxgate} launcher. */
@Command(name = "voxgate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Voxgate audio conferencing bridge and telephony gateway.",
        subcommands = {ServeCommand.class, TrunkCommand.class, NumberCommand.class, MeetingCommand.class,
                AccountCommand.class, UserCommand.class, ApiKeyCommand.class, AuditCommand.class,
                ConfigCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0 || !ServeCommand.serving()) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"voxgate " + (v == null ? "development" : v)};
        }
    }
}
