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

/** The resource, API key and audit commands against a real admin API over HTTPS. */
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
                "--set", "inboundUsername=carrier", "--secret-env", "inboundPassword=TRUNK_PW", "--set", "port=5080", "--json"))
                .as(err).isZero();
        JsonObject trunk = new JsonObject(out);
        assertThat(trunk.getInteger("port")).isEqualTo(5080);
        assertThat(trunk.getBoolean("inboundPasswordSet")).isTrue();
        assertThat(out).doesNotContain("Cli-Secret-Pass");
        String trunkId = trunk.getString("id");

        assertThat(run(new TrunkCommand(env), "update", trunkId, "--set", "maxChannels=12", "--json")).as(err).isZero();
        assertThat(new JsonObject(out).getInteger("version")).isEqualTo(2);
        assertThat(run(new TrunkCommand(env), "show", trunkId, "--json")).isZero();
        assertThat(new JsonObject(out).getInteger("maxChannels")).isEqualTo(12);

        assertThat(run(new MeetingCommand(env), "add", "--set", "name=Standup", "--set", "accessCode=\"0042\"", "--json")).as(err).isZero();
        assertThat(new JsonObject(out).getString("accessCode")).isEqualTo("0042");
        assertThat(run(new NumberCommand(env), "add", "--set", "e164=+4930123456", "--set", "trunkId=" + trunkId, "--json")).as(err).isZero();
        String numberId = new JsonObject(out).getString("id");
        assertThat(run(new NumberCommand(env), "list", "--json")).isZero();
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
    @Test
    void listsAreTablesByDefaultAndShowIsFieldValue() {
        assertThat(run(new MeetingCommand(env), "add", "--set", "name=Weekly sync", "--set", "accessCode=\"5511\"")).as(err)
                .isZero();
        assertThat(out).containsPattern("(?m)^FIELD +VALUE$").containsPattern("(?m)^accessCode +5511$")
                .containsPattern("(?m)^participantPinSet +false$");
        assertThat(run(new MeetingCommand(env), "list")).as(err).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).matches("ID +NAME +ACCESS_CODE +MAX_PARTICIPANTS +LOCKED +RECORDING_POLICY");
        assertThat(lines.get(1)).containsPattern("^[0-9a-f-]{36} +Weekly sync +5511 +100 +false +never$");
        assertThat(lines.get(2)).isEqualTo("1 of 1");
    }

    @Test
    void accountUserAndApiKeyLifecycleWithTheKeyShownOnce() {
        assertThat(run(new AccountCommand(env), "add", "--set", "name=Tenant B", "--set", "ownerName=boss", "--json"))
                .as(err).isZero();
        JsonObject acc = new JsonObject(out);
        String tenantKey = acc.getString("apiKey");
        assertThat(tenantKey).startsWith("vgk_");
        Map<String, String> b = Map.of("VOXGATE_ADMIN_KEY", tenantKey);

        assertThat(run(new AccountCommand(b), "list")).as(err).isZero();
        assertThat(out).contains("Tenant B").doesNotContain("Default").contains("1 of 1");
        assertThat(run(new AccountCommand(b), "update", acc.getString("id"), "--set", "name=Tenant Bee")).as(err).isZero();
        assertThat(out).containsPattern("(?m)^name +Tenant Bee$").containsPattern("(?m)^version +2$");
        assertThat(run(new AccountCommand(b), "remove", acc.getString("id"))).isEqualTo(2);
        assertThat(err).contains("cannot be removed");

        assertThat(run(new UserCommand(b), "add", "--set", "name=alice", "--set", "role=admin")).as(err).isZero();
        assertThat(run(new UserCommand(b), "list")).as(err).isZero();
        assertThat(out).containsPattern("(?m)^[0-9a-f-]{36} +alice +admin$").containsPattern("(?m) +boss +owner$");

        assertThat(run(new ApiKeyCommand(b), "add", "--user", "alice", "--label", "ci")).as(err).isZero();
        String aliceKey = out.lines().filter(l -> l.startsWith("key ")).findFirst().orElseThrow().substring(4).strip();
        assertThat(aliceKey).startsWith("vgk_");
        assertThat(out).contains("shown this once");
        String keyId = out.lines().filter(l -> l.startsWith("id ")).findFirst().orElseThrow().substring(3).strip();

        // The new key works, and is never shown again.
        assertThat(run(new TrunkCommand(Map.of("VOXGATE_ADMIN_KEY", aliceKey)), "list")).as(err).isZero();
        assertThat(run(new ApiKeyCommand(b), "list", "--user", "alice")).as(err).isZero();
        String secretPart = aliceKey.substring(aliceKey.lastIndexOf('_') + 1);
        assertThat(out).contains(keyId).contains("ci").contains(aliceKey.substring(0, 20)).doesNotContain(secretPart);
        assertThat(run(new ApiKeyCommand(b), "show", keyId, "--user", "alice", "--json")).as(err).isZero();
        assertThat(new JsonObject(out).getString("label")).isEqualTo("ci");
        assertThat(out).doesNotContain(secretPart);

        assertThat(run(new ApiKeyCommand(b), "remove", keyId, "--user", "alice")).as(err).isZero();
        assertThat(out).contains("revoked " + keyId);
        assertThat(run(new TrunkCommand(Map.of("VOXGATE_ADMIN_KEY", aliceKey)), "list")).isEqualTo(1);
        assertThat(err).contains("401");
        assertThat(run(new ApiKeyCommand(b), "show", keyId, "--user", "alice")).isEqualTo(1);
        assertThat(run(new ApiKeyCommand(b), "list", "--user", "nobody")).isEqualTo(1);
        assertThat(err).contains("no user named nobody");
        assertThat(run(new ApiKeyCommand(b), "update", keyId, "--user", "alice")).isEqualTo(2);
    }

    @Test
    void apiKeyListIsPaged() {
        assertThat(run(new ApiKeyCommand(env), "add", "--user", "owner", "--label", "second")).as(err).isZero();
        assertThat(run(new ApiKeyCommand(env), "list", "--user", "owner", "--limit", "1")).as(err).isZero();
        assertThat(out).contains("bootstrap").doesNotContain("second").contains("1 of 2; next page: --offset 1");
        assertThat(run(new ApiKeyCommand(env), "list", "--user", "owner", "--limit", "1", "--offset", "1", "--json"))
                .as(err).isZero();
        JsonObject page = new JsonObject(out);
        assertThat(page.getJsonArray("items").getJsonObject(0).getString("label")).isEqualTo("second");
        assertThat(page.getInteger("total")).isEqualTo(2);
        assertThat(page.getValue("nextOffset")).isNull();
    }

    @Test
    void auditListShowsChangesNewestFirst() {
        assertThat(run(new UserCommand(env), "add", "--set", "name=carol", "--set", "role=viewer", "--json")).isZero();
        String userId = new JsonObject(out).getString("id");
        assertThat(run(new UserCommand(env), "update", userId, "--set", "role=operator")).isZero();
        assertThat(run(new AuditCommand(env), "list", "--limit", "2")).as(err).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).matches("AT +ACTION +OBJECT_TYPE +OBJECT_ID +ACTOR_USER_ID");
        assertThat(lines.get(1)).contains(" update ").contains(" users ").contains(userId);
        assertThat(lines.get(2)).contains(" create ").contains(" users ").contains(userId);
        assertThat(lines.get(3)).contains("2 of ");
        assertThat(run(new AuditCommand(Map.of("VOXGATE_ADMIN_KEY", "vgk_0000000000000000_" + "A".repeat(43))), "list"))
                .isEqualTo(1);
    }
}
