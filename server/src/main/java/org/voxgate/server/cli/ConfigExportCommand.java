package org.voxgate.server.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code voxgate config export [--account ID] [-o FILE]}: the account's users, trunks,
 * meetings and numbers as YAML, sorted by natural key so two exports of the same state are
 * equal. Secrets are never written: a set secret becomes {@code ${env:VOXGATE_...}}.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the account's users, trunks, meetings and numbers as YAML; secrets only as ${env:NAME} references.")
public final class ConfigExportCommand extends AdminCommand {

    @Option(names = "--account", paramLabel = "ID", description = "the account to export (must be the key's own; default: it)")
    String account;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path output;

    public ConfigExportCommand() {
        this(System.getenv());
    }

    /** For tests: reads VOXGATE_ADMIN_KEY from {@code env}. */
    public ConfigExportCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    int run(AdminClient c) throws IOException {
        try {
            JsonObject me = ConfigCommand.me(c);
            String mismatch = ConfigCommand.accountMismatch(account, me);
            if (mismatch != null) {
                return usage(mismatch);
            }
            ConfigSnapshot s = ConfigSnapshot.read(c);
            if (!s.readable(ConfigKind.USERS)) {
                err().println("voxgate: users left out: your role may not read them");
            }
            String yaml = ConfigFile.export(s, me.getString("accountName"), me.getString("accountId"));
            if (output == null) {
                out().print(yaml);
            } else {
                Files.writeString(output, yaml, StandardCharsets.UTF_8);
            }
            return 0;
        } catch (ApiException e) {
            err().println("voxgate: " + e.getMessage() + ":");
            return failed(e.answer());
        }
    }
}
