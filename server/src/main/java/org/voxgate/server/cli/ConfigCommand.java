package org.voxgate.server.cli;

import java.io.IOException;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code voxgate config export|apply}: an account's trunks, numbers, meetings and users as a
 * YAML file that can be reviewed and committed (secrets are {@code ${env:NAME}} references),
 * and applied back as a diff.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Export an account's configuration as YAML, or apply such a file as a diff (configuration as code).",
        subcommands = {ConfigExportCommand.class, ConfigApplyCommand.class})
public final class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code GET /me}: the key's account and user. */
    static JsonObject me(AdminClient c) throws IOException, ApiException {
        AdminClient.Answer a = c.send("GET", "/me", null, null);
        if (!a.ok()) {
            throw new ApiException("reading who the key is", a);
        }
        return new JsonObject(a.body());
    }

    /** A usage error when {@code --account} names another account than the key's; else null. */
    static String accountMismatch(String wanted, JsonObject me) {
        if (wanted == null || wanted.equals(me.getString("accountId"))) {
            return null;
        }
        return "the API key belongs to account " + me.getString("accountId") + ", not " + wanted
                + "; the API acts only in the key's own account, so use a key of account " + wanted;
    }
}
