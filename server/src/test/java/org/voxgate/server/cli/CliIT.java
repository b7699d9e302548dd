package org.voxgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.server.admin.AdminConfig;
import org.voxgate.server.admin.AdminModule;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine;

/** The trunk, number and meeting commands against a real admin API over HTTPS. */
class CliIT {

    @TempDir
    Path dir;

    private AdminModule module;
    private Map<String, String> env;
    private String out;
    private String err;

    @BeforeEach
    void start() throws Exception {
        module = AdminModule.start(AdminConfig.defaultsForTest(), dir);
        env = Map.of("VOXGATE_ADMIN_KEY", module.bootstrapKey().orElseThrow(), "TRUNK_PW", "Cli-Secret-Pass");
    }

    @AfterEach
    void stop() {
        module.close();
    }

    private int run(Object command, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = new CommandLine(command).setOut(new PrintWriter(o)).setErr(new PrintWriter(e));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--url=" + module.baseUrl());
        all.add("--cacert=" + module.certificate().orElseThrow().certFile());
        int code = cl.execute(all.toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void trunkNumberAndMeetingLifecycle() {
        assertThat(run(new TrunkCommand(env), "add", "--set", "name=carrier-1", "--set", "hosts=[\"192.0.2.7\"]",
                "--set", "inboundUsername=carrier", "--secret-env", "inboundPassword=TRUNK_PW", "--set", "port=5080"))
                .as(err).isZero();
        JsonObject trunk = new JsonObject(out);
        assertThat(trunk.getInteger("port")).isEqualTo(5080);
        assertThat(trunk.getBoolean("inboundPasswordSet")).isTrue();
        assertThat(out).doesNotContain("Cli-Secret-Pass");
        String trunkId = trunk.getString("id");

        assertThat(run(new TrunkCommand(env), "update", trunkId, "--set", "maxChannels=12")).as(err).isZero();
        assertThat(new JsonObject(out).getInteger("version")).isEqualTo(2);
        assertThat(run(new TrunkCommand(env), "show", trunkId)).isZero();
        assertThat(new JsonObject(out).getInteger("maxChannels")).isEqualTo(12);

        assertThat(run(new MeetingCommand(env), "add", "--set", "name=Standup", "--set", "accessCode=\"0042\"")).as(err).isZero();
        assertThat(new JsonObject(out).getString("accessCode")).isEqualTo("0042");
        assertThat(run(new NumberCommand(env), "add", "--set", "e164=+4930123456", "--set", "trunkId=" + trunkId)).as(err).isZero();
        String numberId = new JsonObject(out).getString("id");
        assertThat(run(new NumberCommand(env), "list")).isZero();
        assertThat(new JsonObject(out).getInteger("total")).isEqualTo(1);

        assertThat(run(new TrunkCommand(env), "remove", trunkId)).isEqualTo(1);
        assertThat(err).contains("409").contains("phone numbers");
        assertThat(run(new NumberCommand(env), "remove", numberId)).isZero();
        assertThat(run(new TrunkCommand(env), "remove", trunkId)).isZero();
        assertThat(out).contains("removed " + trunkId);
        assertThat(run(new TrunkCommand(env), "show", trunkId)).isEqualTo(1);
        assertThat(err).contains("404");
    }

    @Test
    void validationErrorsNameTheFieldAndUsageErrorsExit2() {
        assertThat(run(new TrunkCommand(env), "add", "--set", "name=x", "--set", "hosts=[\"127.0.0.1\"]")).isEqualTo(1);
        assertThat(err).contains("422").contains("hosts[0]").contains("allowed:");
        assertThat(run(new TrunkCommand(env), "show")).isEqualTo(2);
        assertThat(run(new TrunkCommand(Map.of()), "list")).isEqualTo(2);
        assertThat(err).contains("VOXGATE_ADMIN_KEY");
        assertThat(run(new TrunkCommand(Map.of("VOXGATE_ADMIN_KEY", "vgk_0000000000000000_" + "A".repeat(43))), "list"))
                .isEqualTo(1);
        assertThat(err).contains("401");
    }
}
