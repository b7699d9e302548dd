package org.voxgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.server.admin.AdminConfig;
import org.voxgate.server.admin.AdminModule;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine;

/** {@code voxgate config export|apply} against a real admin API over HTTPS. */
class ConfigIT {

    private static final String TRUNK_PW = "Inbound-Secret-1";
    private static final String REGISTER_PW = "Register-Secret-2";
    private static final String PIN = "246813";

    @TempDir
    Path dir;

    private AdminModule module;
    private Map<String, String> env;
    private AdminClient api;
    private String out;
    private String err;

    @BeforeEach
    void start() throws Exception {
        module = AdminModule.start(AdminConfig.defaultsForTest(), dir);
        String key = module.bootstrapKey().orElseThrow();
        env = new HashMap<>(Map.of("VOXGATE_ADMIN_KEY", key,
                "VOXGATE_TRUNK_CARRIER_1_INBOUND_PASSWORD", TRUNK_PW,
                "VOXGATE_TRUNK_CARRIER_1_REGISTER_PASSWORD", REGISTER_PW,
                "VOXGATE_MEETING_0042_PARTICIPANT_PIN", PIN));
        api = client(key);
    }

    @AfterEach
    void stop() {
        module.close();
    }

    private AdminClient client(String key) throws IOException {
        return new AdminClient(module.baseUrl(), key, module.certificate().orElseThrow().certFile());
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

    private int apply(Map<String, String> environment, Path file, String... flags) {
        List<String> args = new ArrayList<>(List.of(file.toString()));
        args.addAll(List.of(flags));
        return run(new ConfigApplyCommand(environment, new BufferedReader(new StringReader(""))), args.toArray(String[]::new));
    }

    private String export(Map<String, String> environment) {
        assertThat(run(new ConfigExportCommand(environment))).as(err).isZero();
        return out;
    }

    private static String withoutComments(String yaml) {
        return yaml.lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
    }

    private String post(AdminClient c, String path, JsonObject body) throws IOException {
        AdminClient.Answer a = c.send("POST", path, body.encode(), null);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return new JsonObject(a.body()).getString("id");
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** Two trunks (one with both secrets), two meetings (one with a PIN), two numbers, a second user. */
    private void populate() throws IOException {
        String t1 = post(api, "/trunks", new JsonObject().put("name", "carrier-1")
                .put("hosts", new JsonArray().add("sip.carrier.example").add("192.0.2.10"))
                .put("inboundUsername", "carrier").put("inboundPassword", TRUNK_PW)
                .put("registerEnabled", true).put("registerUsername", "acct").put("registerPassword", REGISTER_PW)
                .put("codecs", new JsonArray().add("PCMA")).put("maxChannels", 12));
        String t2 = post(api, "/trunks", new JsonObject().put("name", "carrier-2").put("direction", "outbound")
                .put("hosts", new JsonArray().add("sip2.carrier.example")).put("transport", "tls").put("port", 5061));
        String m1 = post(api, "/meetings", new JsonObject().put("name", "Standup").put("accessCode", "0042")
                .put("participantPin", PIN));
        post(api, "/meetings", new JsonObject().put("name", "All hands: Q3").put("accessCode", "7788")
                .put("maxParticipants", 500).put("recordingPolicy", "always"));
        post(api, "/numbers", new JsonObject().put("e164", "+4930123456").put("trunkId", t1).put("route", "meeting")
                .put("meetingId", m1));
        post(api, "/numbers", new JsonObject().put("e164", "+4930999999").put("trunkId", t2));
        post(api, "/users", new JsonObject().put("name", "alice").put("role", "admin"));
    }

    @Test
    void exportApplyToAnEmptyAccountExportsTheSameAndSecretsStayReferences() throws Exception {
        populate();
        String first = export(env);
        assertThat(first).doesNotContain(TRUNK_PW).doesNotContain(REGISTER_PW).doesNotContain(PIN)
                .contains("${env:VOXGATE_TRUNK_CARRIER_1_INBOUND_PASSWORD}")
                .contains("${env:VOXGATE_MEETING_0042_PARTICIPANT_PIN}")
                .contains("trunk: carrier-1").contains("meeting: \"0042\"").doesNotContain("trunkId");
        Path file = write("a.yaml", first);

        // Access codes and numbers are unique on the server: empty account A with a file first.
        Path empty = write("empty.yaml", "users:\n  - name: owner\n    role: owner\ntrunks: []\nmeetings: []\nnumbers: []\n");
        assertThat(apply(env, empty, "--yes")).as(err).isZero();
        assertThat(out).contains("- delete number +4930123456").contains("- delete user alice")
                .contains("7 change(s): 0 to create, 0 to update, 7 to delete").contains("applied 7 change(s)");
        assertThat(withoutComments(export(env))).isEqualTo(withoutComments(
                "users:\n  - name: owner\n    role: owner\ntrunks: []\nmeetings: []\nnumbers: []\n"));

        AdminClient.Answer b = api.send("POST", "/accounts", new JsonObject().put("name", "Tenant B").encode(), null);
        assertThat(b.status()).as(b.body()).isEqualTo(201);
        Map<String, String> envB = new HashMap<>(env);
        envB.put("VOXGATE_ADMIN_KEY", new JsonObject(b.body()).getString("apiKey"));

        assertThat(apply(envB, file, "--yes")).as(err).isZero();
        assertThat(out).contains("+ create trunk carrier-1").contains("+ create number +4930123456")
                .contains("7 change(s): 7 to create").contains("applied 7 change(s)")
                .doesNotContain(TRUNK_PW).doesNotContain(PIN);
        assertThat(withoutComments(export(envB))).isEqualTo(withoutComments(first));

        // The secrets arrived (as values only the SIP side can read back).
        JsonObject trunk = new JsonObject(client(envB.get("VOXGATE_ADMIN_KEY")).send("GET", "/trunks?limit=10", null, null)
                .body()).getJsonArray("items").getJsonObject(0);
        assertThat(trunk.getBoolean("inboundPasswordSet")).isTrue();
        assertThat(trunk.getBoolean("registerPasswordSet")).isTrue();
        var row = module.store().trunks().find(new JsonObject(b.body()).getString("id"), trunk.getString("id"));
        assertThat(row).isPresent();
        assertThat(module.store().trunks().reveal(row.get(), "inboundPassword")).isEqualTo(TRUNK_PW);
    }

    @Test
    void applyingTwiceChangesNothingTheSecondTime() throws Exception {
        populate();
        Path file = write("a.yaml", export(env).replace("maxChannels: 12", "maxChannels: 20"));
        assertThat(apply(env, file, "--yes")).as(err).isZero();
        assertThat(out).contains("~ update trunk carrier-1: maxChannels: 12 -> 20").contains("applied 1 change(s)");
        int auditBefore = new JsonObject(api.send("GET", "/audit?limit=1", null, null).body()).getInteger("total");

        assertThat(apply(env, file, "--yes")).as(err).isZero();
        assertThat(out).contains("No changes").doesNotContain("applied");
        assertThat(new JsonObject(api.send("GET", "/audit?limit=1", null, null).body()).getInteger("total"))
                .isEqualTo(auditBefore);
    }

    @Test
    void dryRunPrintsTheDiffAndChangesNothing() throws Exception {
        populate();
        String before = export(env);
        String edited = before.replace("maxChannels: 12", "maxChannels: 3")
                .replace("meetings:\n", "meetings:\n  - name: Retro\n    accessCode: \"9090\"\n")
                .replaceAll("(?s)  - name: alice\n    role: admin\n", "");
        Path file = write("edit.yaml", edited);
        assertThat(apply(env, file, "--dry-run")).as(err).isZero();
        assertThat(out).contains("~ update trunk carrier-1: maxChannels: 12 -> 3").contains("+ create meeting 9090")
                .contains("- delete user alice").contains("3 change(s): 1 to create, 1 to update, 1 to delete")
                .contains("dry run: nothing was changed");
        assertThat(export(env)).isEqualTo(before);

        // Without --yes and without an answer, nothing happens either.
        assertThat(apply(env, file)).isEqualTo(1);
        assertThat(out).contains("nothing was changed");
        assertThat(export(env)).isEqualTo(before);
    }

    @Test
    void aConcurrentEditBetweenDiffAndApplyIsReportedAndNothingIsApplied() throws Exception {
        populate();
        String before = export(env);
        Path file = write("edit.yaml", before.replace("maxChannels: 12", "maxChannels: 3")
                .replace("maxParticipants: 500", "maxParticipants: 50"));
        // The "apply?" prompt is where a colleague's edit lands: after the diff, before the changes.
        Reader colleague = new Reader() {
            private final StringReader yes = new StringReader("yes\n");
            private boolean edited;

            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                if (!edited) {
                    edited = true;
                    JsonObject t = new JsonObject(api.send("GET", "/trunks?limit=10", null, null).body())
                            .getJsonArray("items").getJsonObject(0);
                    AdminClient.Answer a = api.send("PATCH", "/trunks/" + t.getString("id"),
                            new JsonObject().put("maxChannels", 99).encode(), "\"v" + t.getInteger("version") + "\"");
                    assertThat(a.status()).as(a.body()).isEqualTo(200);
                }
                return yes.read(buf, off, len);
            }

            @Override
            public void close() {}
        };
        int code = run(new ConfigApplyCommand(env, new BufferedReader(colleague)), file.toString());
        assertThat(code).isEqualTo(1);
        assertThat(out).contains("2 change(s)");
        assertThat(err).contains("changed on the server since the diff: trunk carrier-1 (version 1 -> 2)")
                .contains("nothing was applied");
        String after = export(env);
        assertThat(after).contains("maxChannels: 99").contains("maxParticipants: 500");
    }

    @Test
    void ifMatchRefusesAStaleStepAndApplyStopsThere() throws Exception {
        populate();
        String before = export(env);
        ConfigFile.Desired want = ConfigFile.parse(before.replace("maxChannels: 12", "maxChannels: 3"), env);
        ConfigSnapshot seen = ConfigSnapshot.read(api);
        ConfigPlan plan = ConfigPlan.diff(want, seen, null);
        assertThat(plan.size()).isEqualTo(1);
        ConfigSnapshot.Current t = seen.of(ConfigKind.TRUNKS).get("carrier-1");
        assertThat(api.send("PATCH", "/trunks/" + t.id(), new JsonObject().put("maxChannels", 99).encode(),
                "\"v" + t.version() + "\"").status()).isEqualTo(200);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = new ConfigApplier(api, new PrintWriter(o, true), new PrintWriter(e, true)).applyUnchecked(plan, seen);
        assertThat(code).isEqualTo(1);
        assertThat(e.toString()).contains("trunk carrier-1 was changed on the server after the diff (412")
                .contains("after applying 0 of 1 change(s)");
        assertThat(export(env)).contains("maxChannels: 99");
    }

    @Test
    void fileProblemsAreListedBeforeAnyChangeAndSecretsMustBeReferences() throws Exception {
        populate();
        String before = export(env);
        Path plain = write("plain.yaml", "trunks:\n  - name: carrier-9\n    hosts: [sip9.example]\n"
                + "    inboundUsername: u\n    inboundPassword: Hunter2-Hunter2\n    colour: blue\n"
                + "meetings:\n  - name: X\n    accessCode: \"12\"\n    participantPin: ${env:NOT_SET_ANYWHERE}\n"
                + "numbers:\n  - e164: \"+4930555555\"\n    trunk: nowhere\n");
        assertThat(apply(env, plain, "--yes")).isEqualTo(2);
        assertThat(err).contains("trunks[0].inboundPassword: must be a reference like ${env:NAME}")
                .contains("trunks[0].colour: is not a field of a trunk")
                .contains("meetings[0].accessCode: does not match; allowed: 4 to 16 digits")
                .contains("meetings[0].participantPin: the environment variable NOT_SET_ANYWHERE is not set")
                .contains("nothing was changed").doesNotContain("Hunter2");
        Path dangling = write("dangling.yaml", "numbers:\n  - e164: \"+4930555555\"\n    trunk: nowhere\n");
        assertThat(apply(env, dangling, "--yes")).isEqualTo(2);
        assertThat(err).contains("numbers +4930555555.trunk: no trunk named nowhere");
        assertThat(export(env)).isEqualTo(before);
    }

    @Test
    void onlyTheManagedSectionsChangeAndTheKeysOwnUserIsKept() throws Exception {
        populate();
        Path onlyUsers = write("users.yaml", "users: []\n");
        assertThat(apply(env, onlyUsers, "--yes")).as(err).isZero();
        assertThat(out).contains("- delete user alice").contains("keeps user owner: it is the user of your API key")
                .contains("1 change(s)");
        String after = export(env);
        assertThat(after).contains("carrier-1").contains("+4930123456").doesNotContain("alice");
    }

    @Test
    void exportRefusesAnotherAccount() {
        assertThat(run(new ConfigExportCommand(env), "--account", "00000000-0000-0000-0000-000000000000")).isEqualTo(2);
        assertThat(err).contains("the API acts only in the key's own account");
    }
}
