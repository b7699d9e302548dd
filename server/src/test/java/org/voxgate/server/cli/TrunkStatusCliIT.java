package org.voxgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.server.admin.AdminConfig;
import org.voxgate.server.admin.AdminModule;
import org.voxgate.sip.RegistrationState;
import org.voxgate.sip.RegistrationStatus;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine;

/** {@code voxgate trunk status ID} against a real admin API whose gateway reports a registration. */
class TrunkStatusCliIT {
    @TempDir
    Path dir;
    private AdminModule module;
    private String out;
    private String err;

    @AfterEach
    void stop() {
        if (module != null) {
            module.close();
        }
    }

    private int run(Map<String, String> env, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = new CommandLine(new TrunkCommand(env)).setOut(new PrintWriter(o)).setErr(new PrintWriter(e));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--url=" + module.baseUrl());
        all.add("--cacert=" + module.certificate().orElseThrow().certFile());
        int code = cl.execute(all.toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void printsTheRegistrationAsATableOrJson() throws Exception {
        module = AdminModule.start(AdminConfig.defaultsForTest(), dir);
        Map<String, String> env = Map.of("VOXGATE_ADMIN_KEY", module.bootstrapKey().orElseThrow(), "PW", "Reg-Pass-1");
        assertThat(run(env, "add", "--set", "name=carrier-1", "--set", "hosts=[\"192.0.2.7\"]",
                "--set", "inboundCidrs=[\"192.0.2.0/24\"]", "--set", "registerEnabled=true", "--set", "registerUsername=acct", "--secret-env",
                "registerPassword=PW", "--json")).as(err).isZero();
        String id = new JsonObject(out).getString("id");
        Instant expires = Instant.parse("2026-05-01T12:00:00Z");
        module.registrations(() -> Map.of(id, new RegistrationStatus(id, RegistrationState.REGISTERED, "192.0.2.7",
                600, expires, 200, null, expires.minusSeconds(120))));

        assertThat(run(env, "status", id)).as(err).isZero();
        assertThat(out).contains("REGISTERED").contains("192.0.2.7").contains("600").contains("2026-05-01T12:00:00Z")
                .containsIgnoringCase("state");

        assertThat(run(env, "status", id, "--json")).as(err).isZero();
        JsonObject o = new JsonObject(out);
        assertThat(o.getString("state")).isEqualTo("REGISTERED");
        assertThat(o.getInteger("grantedExpirySeconds")).isEqualTo(600);
        assertThat(o.getString("nextAttemptAt")).isEqualTo("2026-05-01T11:58:00Z");

        assertThat(run(env, "status")).isNotZero(); // needs an id
        assertThat(run(env, "status", java.util.UUID.randomUUID().toString())).isEqualTo(1);
    }
}
