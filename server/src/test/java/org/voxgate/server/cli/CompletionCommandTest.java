package org.voxgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.voxgate.server.Main;

import picocli.CommandLine;

/** {@code voxgate completion} prints a bash script that covers every (sub)command and option. */
class CompletionCommandTest {

    @Test
    void scriptNamesEverySubcommandAtEveryLevel() {
        CommandLine root = new CommandLine(new Main());
        StringWriter o = new StringWriter();
        root.setOut(new PrintWriter(o));
        assertThat(root.execute("completion")).isZero();
        String script = o.toString();
        assertThat(script).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_voxgate");

        List<String> paths = new ArrayList<>();
        collect(root, "voxgate", paths);
        assertThat(paths).contains("voxgate_trunk", "voxgate_account", "voxgate_user", "voxgate_apikey",
                "voxgate_audit", "voxgate_completion", "voxgate_serve");
        for (String p : paths) {
            // picocli writes one function per command, named after its path
            assertThat(script).as(p).contains("function _picocli_" + p + "()");
        }
        for (String name : root.getSubcommands().keySet()) {
            assertThat(script).as(name).containsPattern("commands=\\\"[^\\\"]*\\b" + name + "\\b");
        }
        assertThat(script).contains("--secret-env").contains("--json").contains("--user");
    }

    private static void collect(CommandLine cl, String path, List<String> out) {
        for (var e : cl.getSubcommands().entrySet()) {
            // picocli drops characters bash does not allow in function names ("dial-out" -> "dialout")
            String p = path + "_" + e.getKey().replaceAll("[^A-Za-z0-9_]", "");
            out.add(p);
            collect(e.getValue(), p, out);
        }
    }
}
