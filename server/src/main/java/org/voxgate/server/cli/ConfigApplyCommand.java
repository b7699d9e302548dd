package org.voxgate.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code voxgate config apply FILE [--dry-run] [--yes]}: reads and checks the file (secrets
 * from the environment), diffs it against the server by natural key (trunk name, E.164
 * number, access code, user name), prints the diff, asks (unless {@code --yes}), and applies
 * it with If-Match. Applying the same file again finds no changes. Exit 0 applied or nothing
 * to do, 1 refused by the server or changed concurrently, 2 a problem in the file or usage.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Diff a YAML configuration against the server, print the diff, and apply it (secrets from ${env:NAME}).")
public final class ConfigApplyCommand extends AdminCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "the YAML file, as written by voxgate config export")
    Path file;

    @Option(names = "--dry-run", description = "print the diff and change nothing")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "apply without asking")
    boolean yes;

    @Option(names = "--account", paramLabel = "ID", description = "the account to apply to (must be the key's own; default: it)")
    String account;

    private final BufferedReader in;

    public ConfigApplyCommand() {
        this(System.getenv(), new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    /** For tests: the environment (key, secret variables) and where the answer to "apply?" is read. */
    public ConfigApplyCommand(Map<String, String> env, BufferedReader in) {
        super(env);
        this.in = in;
    }

    @Override
    int run(AdminClient c) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return usage("cannot read " + file + ": " + e.getMessage());
        }
        try {
            ConfigFile.Desired want = ConfigFile.parse(text, env);
            JsonObject me = ConfigCommand.me(c);
            String mismatch = ConfigCommand.accountMismatch(account, me);
            if (mismatch != null) {
                return usage(mismatch);
            }
            ConfigPlan plan = ConfigPlan.diff(want, ConfigSnapshot.read(c), me.getString("userId"));
            plan.print(out());
            if (plan.isEmpty()) {
                return 0;
            }
            if (dryRun) {
                out().println("dry run: nothing was changed");
                return 0;
            }
            if (!yes) {
                out().print("Apply " + plan.size() + " change(s) to account \"" + me.getString("accountName") + "\"? [y/N] ");
                out().flush();
                String answer = in.readLine();
                if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).matches("y|yes")) {
                    out().println();
                    out().println("nothing was changed" + (answer == null ? " (no answer; --yes applies without asking)" : ""));
                    return AdminCommand.API_ERROR;
                }
            }
            return new ConfigApplier(c, out(), err()).apply(plan);
        } catch (ConfigFile.Invalid e) {
            err().println("voxgate: " + file + ": " + e.getMessage() + "; nothing was changed:");
            for (String p : e.problems()) {
                err().println("  " + p);
            }
            return USAGE;
        } catch (ApiException e) {
            err().println("voxgate: " + e.getMessage() + ":");
            return failed(e.answer());
        }
    }
}
