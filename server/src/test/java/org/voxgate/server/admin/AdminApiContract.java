package org.voxgate.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.voxgate.server.store.CdrRepository;
import org.voxgate.server.store.Role;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The admin API over real HTTPS, on H2 ({@link AdminApiH2IT}) and PostgreSQL
 * ({@link AdminApiPostgresIT}): CRUD, roles, tenant isolation, validation, concurrency,
 * secrets, audit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AdminApiContract {

    private Path dataDir;

    protected AdminModule module;
    protected ApiClient owner;
    private final AtomicInteger seq = new AtomicInteger();

    /** Database URL for the module, or empty for the embedded H2. */
    protected abstract String databaseUrl();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        dataDir = dir;
        module = AdminModule.start(AdminConfig.defaultsForTest().withDatabase(databaseUrl()), dataDir);
        owner = ApiClient.forModule(module, module.bootstrapKey().orElseThrow());
    }

    @AfterAll
    void stop() {
        if (module != null) {
            module.close();
        }
    }

    private int n() {
        return seq.incrementAndGet();
    }

    JsonObject trunkBody() {
        return new JsonObject().put("name", "carrier-" + n()).put("hosts", new JsonArray().add("sip.carrier.example"))
                .put("inboundCidrs", new JsonArray().add("192.0.2.0/24"))
                .put("registerEnabled", true).put("registerUsername", "acct").put("registerPassword", "Trunk-Secret-" + n());
    }

    JsonObject meetingBody() {
        return new JsonObject().put("name", "Meeting " + n()).put("accessCode", String.valueOf(7_000_000 + n()))
                .put("participantPin", "4321").put("moderatorPin", "8765");
    }

    JsonObject numberBody(String trunkId) {
        return new JsonObject().put("e164", "+4930" + (5_000_000 + n())).put("trunkId", trunkId);
    }

    JsonObject userBody(String role) {
        return new JsonObject().put("name", "user" + n()).put("role", role);
    }

    static String id(ApiClient.Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
        return r.json().getString("id");
    }

    /** A client for a new user of the owner's account with this role. */
    ApiClient clientWithRole(ApiClient ownerClient, Role role) throws Exception {
        String userId = id(ownerClient.post("/users", userBody(role.wire())));
        ApiClient.Response k = ownerClient.post("/users/" + userId + "/apikeys", new JsonObject().put("label", "t"));
        assertThat(k.status()).as(k.toString()).isEqualTo(201);
        return ownerClient.withKey(k.json().getString("key"));
    }

    @Test
    void servesOnlyTlsWithTheGeneratedCertificateAndAPrivateKeyFile() throws Exception {
        assertThat(module.baseUrl()).startsWith("https://127.0.0.1:");
        TlsCertificate cert = module.certificate().orElseThrow();
        assertThat(cert.certificate().getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1))).toList()).contains("127.0.0.1", "localhost");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cert.keyFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("master.key"))))
                .isEqualTo("rw-------");
        var plain = java.net.http.HttpClient.newHttpClient();
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + module.port()
                + "/api/v1/openapi.json")).timeout(java.time.Duration.ofSeconds(5)).build();
        boolean plainWorked;
        try {
            plainWorked = plain.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (java.io.IOException e) {
            plainWorked = false;
        }
        assertThat(plainWorked).as("plain HTTP on the TLS port").isFalse();
    }

    @Test
    void bootstrapKeyIsAnOwnerOfThePlatformAccount() throws Exception {
        ApiClient.Response r = owner.get("/accounts");
        assertThat(r.status()).isEqualTo(200);
        JsonObject first = r.json().getJsonArray("items").getJsonObject(0);
        assertThat(first.getBoolean("platform")).isTrue();
        ApiClient.Response none = owner.withKey(null).get("/trunks");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(owner.withKey("vgk_0000000000000000_" + "A".repeat(43)).get("/trunks").status()).isEqualTo(401);
        assertThat(owner.withKey(null).get("/openapi.json").status()).isEqualTo(200);
    }

    @Test
    void trunkLifecycleWithEtagsAndNoSecretsInAnswers() throws Exception {
        JsonObject body = trunkBody();
        String secret = body.getString("registerPassword");
        ApiClient.Response created = owner.post("/trunks", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"v1\"");
        String id = created.json().getString("id");
        assertThat(created.header("Location")).isEqualTo("/api/v1/trunks/" + id);
        assertThat(created.json().getBoolean("registerPasswordSet")).isTrue();
        assertThat(created.body()).doesNotContain(secret);
        assertThat(created.json().containsKey("registerPassword")).isFalse();

        ApiClient.Response read = owner.get("/trunks/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().getInteger("port")).isEqualTo(5060);
        assertThat(read.body()).doesNotContain(secret);

        JsonObject change = new JsonObject().put("maxChannels", 90);
        assertThat(owner.patch("/trunks/" + id, change, null).status()).isEqualTo(428);
        assertThat(owner.patch("/trunks/" + id, change, "\"v7\"").status()).isEqualTo(412);
        ApiClient.Response patched = owner.patch("/trunks/" + id, change, read.header("ETag"));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.header("ETag")).isEqualTo("\"v2\"");
        assertThat(patched.json().getInteger("maxChannels")).isEqualTo(90);
        assertThat(patched.json().getBoolean("registerPasswordSet")).isTrue();

        ApiClient.Response stale = owner.delete("/trunks/" + id, "\"v1\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.header("ETag")).isEqualTo("\"v2\"");
        assertThat(owner.delete("/trunks/" + id, "\"v2\"").status()).isEqualTo(204);
        assertThat(owner.get("/trunks/" + id).status()).isEqualTo(404);
    }

    @Test
    void concurrentEditsOfOneVersionLetExactlyOneWin() throws Exception {
        String id = id(owner.post("/meetings", meetingBody()));
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int max = 10 + i;
                tasks.add(() -> owner.patch("/meetings/" + id, new JsonObject().put("maxParticipants", max), "\"v1\"").status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(200, 412);
            assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        ApiClient.Response now = owner.get("/meetings/" + id);
        assertThat(now.header("ETag")).isEqualTo("\"v2\"");
    }

    @Test
    void paginationPagesThroughTheList() throws Exception {
        ApiClient tenant = newTenant();
        for (int i = 0; i < 5; i++) {
            id(tenant.post("/meetings", meetingBody()));
        }
        JsonObject p1 = tenant.get("/meetings?limit=2").json();
        assertThat(p1.getJsonArray("items")).hasSize(2);
        assertThat(p1.getInteger("total")).isEqualTo(5);
        assertThat(p1.getInteger("nextOffset")).isEqualTo(2);
        JsonObject p3 = tenant.get("/meetings?limit=2&offset=4").json();
        assertThat(p3.getJsonArray("items")).hasSize(1);
        assertThat(p3.getValue("nextOffset")).isNull();
        assertThat(tenant.get("/meetings?limit=0").status()).isEqualTo(422);
        assertThat(tenant.get("/meetings?limit=201").json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("limit");
    }

    ApiClient newTenant() throws Exception {
        ApiClient.Response acc = owner.post("/accounts", new JsonObject().put("name", "Tenant " + n()));
        assertThat(acc.status()).as(acc.toString()).isEqualTo(201);
        return owner.withKey(acc.json().getString("apiKey"));
    }

    @Test
    void anotherTenantCannotReadChangeOrEvenLearnOfObjects() throws Exception {
        ApiClient a = newTenant();
        ApiClient b = newTenant();
        String accountA = a.get("/accounts").json().getJsonArray("items").getJsonObject(0).getString("id");
        String trunk = id(a.post("/trunks", trunkBody()));
        String meeting = id(a.post("/meetings", meetingBody()));
        String number = id(a.post("/numbers", numberBody(trunk)));
        String user = id(a.post("/users", userBody("viewer")));
        String key = id(a.post("/users/" + user + "/apikeys", new JsonObject()));
        String cdr = module.store().cdrs().insert(new CdrRepository.Cdr(null, accountA, "call-1", "sip:x@y", "+49301",
                trunk, meeting, Instant.now(), null, Instant.now(), "REJECTED", null, 0, 0));
        String unknown = UUID.randomUUID().toString();

        Map<String, String> objects = Map.of("trunks", trunk, "meetings", meeting, "numbers", number, "users", user);
        for (Map.Entry<String, String> o : objects.entrySet()) {
            String path = "/" + o.getKey() + "/" + o.getValue();
            String unknownPath = "/" + o.getKey() + "/" + unknown;
            assertSameAsUnknown(b.get(path), b.get(unknownPath));
            assertSameAsUnknown(b.patch(path, new JsonObject().put("name", "x"), "\"v1\""),
                    b.patch(unknownPath, new JsonObject().put("name", "x"), "\"v1\""));
            assertSameAsUnknown(b.delete(path, "\"v1\""), b.delete(unknownPath, "\"v1\""));
            assertThat(b.get("/" + o.getKey()).body()).doesNotContain(o.getValue());
            assertThat(a.get(path).status()).isEqualTo(200);
        }
        assertSameAsUnknown(b.get("/cdrs/" + cdr), b.get("/cdrs/" + unknown));
        assertSameAsUnknown(b.get("/accounts/" + accountA), b.get("/accounts/" + unknown));
        assertSameAsUnknown(b.get("/users/" + user + "/apikeys"), b.get("/users/" + unknown + "/apikeys"));
        assertSameAsUnknown(b.post("/users/" + user + "/apikeys", new JsonObject()),
                b.post("/users/" + unknown + "/apikeys", new JsonObject()));
        assertSameAsUnknown(b.delete("/users/" + user + "/apikeys/" + key, null),
                b.delete("/users/" + unknown + "/apikeys/" + unknown, null));
        // a reference to a foreign trunk reads exactly like a reference to none
        ApiClient.Response foreignRef = b.post("/numbers", numberBody(trunk));
        ApiClient.Response noRef = b.post("/numbers", numberBody(unknown));
        assertThat(foreignRef.status()).isEqualTo(422);
        assertThat(foreignRef.json().getJsonArray("errors")).isEqualTo(noRef.json().getJsonArray("errors"));
        // lists, CDRs, accounts and the audit log of b show nothing of a
        String everything = b.get("/cdrs").body() + b.get("/accounts").body() + b.get("/audit?limit=200").body();
        for (String secretId : List.of(trunk, meeting, number, user, key, cdr, accountA)) {
            assertThat(everything).doesNotContain(secretId);
        }
        // and nothing changed
        assertThat(a.get("/trunks/" + trunk).header("ETag")).isEqualTo("\"v1\"");
        assertThat(b.get("/accounts").json().getJsonArray("items")).hasSize(1);
        assertThat(b.post("/accounts", new JsonObject().put("name", "nested")).status()).isEqualTo(403);
    }

    private static void assertSameAsUnknown(ApiClient.Response foreign, ApiClient.Response unknown) {
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        JsonObject f = foreign.json();
        JsonObject u = unknown.json();
        f.remove("instance");
        u.remove("instance");
        assertThat(f).isEqualTo(u);
    }

    @Test
    void everyRoleMayDoExactlyWhatItsRoleAllows() throws Exception {
        // expected matrix, written out independently of Permission: owner, admin, operator, viewer
        Map<String, String> expected = Map.ofEntries(
                Map.entry("accounts.list", "YYYY"), Map.entry("accounts.create", "YNNN"),
                Map.entry("users.list", "YYNN"), Map.entry("users.get", "YYNN"), Map.entry("users.create", "YNNN"),
                Map.entry("users.patch", "YNNN"), Map.entry("users.delete", "YNNN"),
                Map.entry("apikeys.list", "YYNN"), Map.entry("apikeys.create", "YNNN"), Map.entry("apikeys.delete", "YNNN"),
                Map.entry("trunks.list", "YYYY"), Map.entry("trunks.get", "YYYY"), Map.entry("trunks.create", "YYNN"),
                Map.entry("trunks.patch", "YYNN"), Map.entry("trunks.delete", "YYNN"),
                Map.entry("numbers.list", "YYYY"), Map.entry("numbers.get", "YYYY"), Map.entry("numbers.create", "YYNN"),
                Map.entry("numbers.patch", "YYNN"), Map.entry("numbers.delete", "YYNN"),
                Map.entry("meetings.list", "YYYY"), Map.entry("meetings.get", "YYYY"), Map.entry("meetings.create", "YYYN"),
                Map.entry("meetings.patch", "YYYN"), Map.entry("meetings.delete", "YYYN"),
                Map.entry("cdrs.list", "YYYY"), Map.entry("audit.list", "YYNN"));
        Map<Role, ApiClient> clients = new EnumMap<>(Role.class);
        clients.put(Role.OWNER, owner);
        for (Role r : List.of(Role.ADMIN, Role.OPERATOR, Role.VIEWER)) {
            clients.put(r, clientWithRole(owner, r));
        }
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (Role role : Role.values()) {
            ApiClient c = clients.get(role);
            for (Map.Entry<String, String> e : expected.entrySet()) {
                boolean allowed = e.getValue().charAt(role.ordinal()) == 'Y';
                ApiClient.Response r = attempt(c, e.getKey());
                boolean ok = r.status() >= 200 && r.status() < 300;
                boolean denied = r.status() == 403;
                if (allowed ? !ok : !denied) {
                    mismatches.add(role.wire() + " " + e.getKey() + " -> " + r);
                }
                checked++;
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(checked).isEqualTo(4 * expected.size());
    }

    /** Performs one action on a fresh target made by the owner. */
    private ApiClient.Response attempt(ApiClient c, String action) throws Exception {
        String[] p = action.split("\\.");
        String res = p[0];
        String verb = p[1];
        if (res.equals("accounts")) {
            return verb.equals("list") ? c.get("/accounts") : c.post("/accounts", new JsonObject().put("name", "T" + n()));
        }
        if (res.equals("cdrs") || res.equals("audit")) {
            return c.get("/" + res);
        }
        if (res.equals("apikeys")) {
            String user = id(owner.post("/users", userBody("viewer")));
            return switch (verb) {
                case "list" -> c.get("/users/" + user + "/apikeys");
                case "create" -> c.post("/users/" + user + "/apikeys", new JsonObject());
                default -> c.delete("/users/" + user + "/apikeys/" + id(owner.post("/users/" + user + "/apikeys",
                        new JsonObject())), null);
            };
        }
        JsonObject body = switch (res) {
            case "trunks" -> trunkBody();
            case "meetings" -> meetingBody();
            case "users" -> userBody("viewer");
            default -> numberBody(id(owner.post("/trunks", trunkBody())));
        };
        if (verb.equals("list")) {
            return c.get("/" + res);
        }
        if (verb.equals("create")) {
            return c.post("/" + res, body);
        }
        String target = id(owner.post("/" + res, body));
        return switch (verb) {
            case "get" -> c.get("/" + res + "/" + target);
            case "patch" -> c.patch("/" + res + "/" + target, patchFor(res), "\"v1\"");
            default -> c.delete("/" + res + "/" + target, "\"v1\"");
        };
    }

    private JsonObject patchFor(String res) {
        return switch (res) {
            case "trunks" -> new JsonObject().put("maxChannels", 12);
            case "meetings" -> new JsonObject().put("locked", true);
            case "users" -> new JsonObject().put("role", "operator");
            default -> new JsonObject().put("route", "ivr");
        };
    }

    @Test
    void validationErrorsNameTheFieldAndWhatIsAllowed() throws Exception {
        String trunk = id(owner.post("/trunks", trunkBody()));
        record Case(String path, JsonObject body, String field) {}
        List<Case> cases = List.of(
                new Case("/trunks", trunkBody().put("name", "bad name!"), "name"),                      // text pattern
                new Case("/trunks", trunkBody().put("direction", "sideways"), "direction"),              // one of
                new Case("/trunks", trunkBody().put("port", 70000), "port"),                             // int range
                new Case("/trunks", trunkBody().put("port", "5060"), "port"),                            // int kind
                new Case("/trunks", trunkBody().put("enabled", "yes"), "enabled"),                       // bool
                new Case("/trunks", trunkBody().put("hosts", new JsonArray()), "hosts"),                 // list size
                new Case("/trunks", trunkBody().put("hosts", "sip.example"), "hosts"),                   // list kind
                new Case("/trunks", trunkBody().put("hosts", new JsonArray().add("bad host!")), "hosts[0]"),  // host
                new Case("/trunks", trunkBody().put("hosts", new JsonArray().add("169.254.169.254")), "hosts[0]"), // metadata
                new Case("/trunks", trunkBody().put("hosts", new JsonArray().add("127.0.0.1")), "hosts[0]"),  // loopback
                new Case("/trunks", trunkBody().put("inboundCidrs", new JsonArray().add("10.0.0.0/33")), "inboundCidrs[0]"),
                new Case("/trunks", trunkBody().put("codecs", new JsonArray().add("GSM")), "codecs[0]"),
                new Case("/trunks", trunkBody().put("codecs", new JsonArray().add("PCMU").add("PCMU")), "codecs[1]"),
                new Case("/trunks", trunkBody().put("registerPassword", "short"), "registerPassword"),    // secret text
                new Case("/trunks", trunkBody().put("port", null), "port"),                              // null
                new Case("/trunks", trunkBody().put("colour", "red"), "colour"),                         // unknown
                new Case("/trunks", new JsonObject().put("name", "x"), "hosts"),                         // required
                new Case("/trunks", trunkBody().put("registerUsername", null), "registerUsername"),      // cross-field
                new Case("/trunks", trunkBody().put("inboundCidrs", new JsonArray()), "inboundCidrs"),   // cross-field
                new Case("/meetings", meetingBody().put("accessCode", "12ab"), "accessCode"),
                new Case("/meetings", meetingBody().put("moderatorPin", "4321"), "moderatorPin"),
                new Case("/meetings", meetingBody().put("recordingPolicy", "sometimes"), "recordingPolicy"),
                new Case("/numbers", numberBody(trunk).put("e164", "0301234567"), "e164"),
                new Case("/numbers", numberBody(trunk).put("trunkId", "xyz"), "trunkId"),               // ref kind
                new Case("/numbers", numberBody(trunk).put("trunkId", UUID.randomUUID().toString()), "trunkId"), // ref
                new Case("/numbers", numberBody(trunk).put("route", "meeting"), "meetingId"),
                new Case("/users", userBody("superuser"), "role"),
                new Case("/accounts", new JsonObject().put("name", ""), "name"));
        for (Case c : cases) {
            ApiClient.Response r = owner.post(c.path(), c.body());
            assertThat(r.status()).as(c + " -> " + r).isEqualTo(422);
            assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
            JsonObject p = r.json();
            assertThat(p.getString("type")).isEqualTo("urn:voxgate:problem:validation");
            assertThat(p.getInteger("status")).isEqualTo(422);
            JsonArray errors = p.getJsonArray("errors");
            assertThat(errors.stream().map(e -> ((JsonObject) e).getString("field"))).as(c + " -> " + r).contains(c.field());
            for (Object e : errors) {
                assertThat(((JsonObject) e).getString("allowed")).isNotBlank();
            }
            assertThat(r.body()).doesNotContain("Trunk-Secret");
        }
        ApiClient.Response notJson = owner.send("POST", "/trunks", "{not json", Map.of());
        assertThat(notJson.status()).isEqualTo(400);
        ApiClient.Response wrongType = owner.send("POST", "/trunks", "x", Map.of("Content-Type", "text/plain"));
        assertThat(wrongType.status()).isIn(400, 415);
        ApiClient.Response array = owner.send("POST", "/trunks", "[]", Map.of());
        assertThat(array.status()).isEqualTo(400);
        ApiClient.Response dup = owner.post("/trunks", trunkBody().put("name", owner.get("/trunks/" + trunk).json().getString("name")));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("name");
    }

    @Test
    void auditLogRecordsWhoWhatBeforeAndAfterWithoutSecrets() throws Exception {
        ApiClient tenant = newTenant();
        JsonObject body = meetingBody();
        String id = id(tenant.post("/meetings", body));
        tenant.patch("/meetings/" + id, new JsonObject().put("participantPin", "9999").put("maxParticipants", 7), "\"v1\"");
        JsonArray items = tenant.get("/audit").json().getJsonArray("items");
        JsonObject update = items.getJsonObject(0);
        assertThat(update.getString("action")).isEqualTo("update");
        assertThat(update.getString("objectType")).isEqualTo("meetings");
        assertThat(update.getString("objectId")).isEqualTo(id);
        assertThat(update.getString("actorUserId")).isNotNull();
        assertThat(update.getJsonObject("before").getInteger("maxParticipants")).isEqualTo(100);
        assertThat(update.getJsonObject("after").getInteger("maxParticipants")).isEqualTo(7);
        assertThat(update.getJsonObject("after").getBoolean("participantPinSet")).isTrue();
        assertThat(items.getJsonObject(1).getString("action")).isEqualTo("create");
        assertThat(items.encode()).doesNotContain("9999").doesNotContain("4321").doesNotContain("8765");
        ApiClient viewer = clientWithRole(tenant, Role.VIEWER);
        assertThat(viewer.get("/audit").status()).isEqualTo(403);
    }

    @Test
    void secretsNeverAppearInAnswersOrLogs() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Level before = root.getLevel();
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);
        List<String> secrets = new ArrayList<>();
        StringBuilder answers = new StringBuilder();
        try {
            ApiClient.Response acc = owner.post("/accounts", new JsonObject().put("name", "Secretive " + n()));
            String tenantKey = acc.json().getString("apiKey");
            secrets.add(tenantKey);
            ApiClient tenant = owner.withKey(tenantKey);
            String inbound = "Inbound-Pass-" + n();
            String register = "Register-Pass-" + n();
            secrets.add(inbound);
            secrets.add(register);
            JsonObject t = trunkBody().put("inboundUsername", "carrier").put("inboundPassword", inbound)
                    .put("registerPassword", register);
            String trunk = id(tenant.post("/trunks", t));
            tenant.patch("/trunks/" + trunk, new JsonObject().put("registerPassword", register + "-2"), "\"v1\"");
            secrets.add(register + "-2");
            String meeting = id(tenant.post("/meetings", meetingBody().put("participantPin", "246813")
                    .put("moderatorPin", "135792")));
            secrets.add("246813");
            secrets.add("135792");
            tenant.post("/trunks", trunkBody().put("registerPassword", "Bad-Secret-Value\u0001"));
            secrets.add("Bad-Secret-Value");
            ApiClient viewer = clientWithRole(tenant, Role.VIEWER);
            for (ApiClient c : List.of(tenant, viewer)) {
                for (String path : List.of("/trunks", "/trunks/" + trunk, "/meetings", "/meetings/" + meeting, "/audit",
                        "/accounts", "/users")) {
                    answers.append(c.get(path).body());
                }
            }
            owner.withKey(tenantKey.substring(0, tenantKey.length() - 2) + "xx").get("/trunks");
        } finally {
            root.detachAppender(logs);
            root.setLevel(before);
        }
        StringBuilder logged = new StringBuilder();
        for (ILoggingEvent e : logs.list) {
            logged.append(e.getFormattedMessage()).append('\n');
            if (e.getThrowableProxy() != null) {
                logged.append(e.getThrowableProxy().getMessage()).append('\n');
            }
        }
        for (String s : secrets) {
            assertThat(answers.toString()).as("answers").doesNotContain(s);
            assertThat(logged.toString()).as("logs").doesNotContain(s);
        }
        assertThat(answers.toString()).contains("registerPasswordSet").contains("participantPinSet");
    }

    @Test
    void apiKeyListIsPagedOldestFirst() throws Exception {
        String userId = id(owner.post("/users", userBody("viewer")));
        for (int i = 0; i < 3; i++) {
            assertThat(owner.post("/users/" + userId + "/apikeys", new JsonObject().put("label", "k" + i)).status())
                    .isEqualTo(201);
        }
        JsonObject first = owner.get("/users/" + userId + "/apikeys?limit=2").json();
        assertThat(first.getInteger("total")).isEqualTo(3);
        assertThat(first.getInteger("limit")).isEqualTo(2);
        assertThat(first.getInteger("nextOffset")).isEqualTo(2);
        assertThat(first.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("label")).toList())
                .containsExactly("k0", "k1");
        JsonObject second = owner.get("/users/" + userId + "/apikeys?limit=2&offset=2").json();
        assertThat(second.getJsonArray("items").getJsonObject(0).getString("label")).isEqualTo("k2");
        assertThat(second.getValue("nextOffset")).isNull();
        assertThat(owner.get("/users/" + userId + "/apikeys?limit=0").status()).isEqualTo(422);
    }

    @Test
    void meTellsWhoTheKeyIs() throws Exception {
        ApiClient viewer = clientWithRole(owner, Role.VIEWER);
        JsonObject me = viewer.get("/me").json();
        JsonObject account = owner.get("/accounts").json().getJsonArray("items").getJsonObject(0);
        assertThat(me.getString("accountId")).isEqualTo(account.getString("id"));
        assertThat(me.getString("accountName")).isEqualTo(account.getString("name"));
        assertThat(me.getString("role")).isEqualTo("viewer");
        assertThat(me.getBoolean("platform")).isTrue();
        assertThat(me.getString("keyId")).isNotBlank();
        assertThat(owner.withKey(null).get("/me").status()).isEqualTo(401);
    }

    @Test
    void ownerCannotDeleteOrDemoteItself() throws Exception {
        ApiClient tenant = newTenant();
        JsonObject me = tenant.get("/users").json().getJsonArray("items").getJsonObject(0);
        String path = "/users/" + me.getString("id");
        assertThat(tenant.delete(path, "\"v1\"").status()).isEqualTo(409);
        assertThat(tenant.patch(path, new JsonObject().put("role", "viewer"), "\"v1\"").status()).isEqualTo(409);
        assertThat(tenant.patch(path, new JsonObject().put("name", "renamed"), "\"v1\"").status()).isEqualTo(200);
    }

    @Test
    void cdrsAreListedForTheirAccount() throws Exception {
        ApiClient tenant = newTenant();
        String accountId = tenant.get("/accounts").json().getJsonArray("items").getJsonObject(0).getString("id");
        Instant start = Instant.parse("2026-03-04T05:06:07Z");
        module.store().cdrs().insert(new CdrRepository.Cdr(null, accountId, "call-9", "sip:+1555@carrier", "+4930777",
                null, null, start, start.plusSeconds(2), start.plusSeconds(30), "CALLER_HANGUP", "PCMA", 3, 1.25));
        JsonObject cdr = tenant.get("/cdrs").json().getJsonArray("items").getJsonObject(0);
        assertThat(cdr.getString("callId")).isEqualTo("call-9");
        assertThat(cdr.getString("codec")).isEqualTo("PCMA");
        assertThat(cdr.getLong("packetsLost")).isEqualTo(3);
        assertThat(cdr.getDouble("jitterMs")).isEqualTo(1.25);
        assertThat(cdr.getString("answerTime")).isEqualTo("2026-03-04T05:06:09Z");
        assertThat(tenant.get("/cdrs/" + cdr.getString("id")).status()).isEqualTo(200);
    }
}
