package org.voxgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.server.admin.AdminModule;
import org.voxgate.server.cli.MeetingCommand;
import org.voxgate.testing.FreePorts;
import org.voxgate.testing.Sipp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine;

/**
 * Dial-out through the whole server: POST over HTTPS, SIPp answers as the callee and presses 1
 * (SIP INFO), the status reaches JOINED, the CDR says outbound; the role matrix (viewer 403),
 * tenants (a foreign meeting or trunk 404), problem details for numbers the trunk may not call,
 * the audit log, and the CLI.
 */
class DialOutServerIT {
    private static final String NUMBER = "+441632960000";

    @TempDir
    Path dir;

    private ServerFixture fixture;
    private HttpClient http;
    private String base;
    private String ownerKey;
    private int sippPort;

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start(dir.resolve("data"), Map.of("VOXGATE_ADMIN_ALLOW_INTERNAL_TRUNK_HOSTS", "true",
                "VOXGATE_ADMIN_BIND_ADDRESS", "127.0.0.1"));
        AdminModule admin = fixture.server.admin().orElseThrow();
        ownerKey = admin.bootstrapKey().orElseThrow();
        base = admin.baseUrl();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("voxgate", admin.certificate().orElseThrow().certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
        sippPort = FreePorts.udpAndTcp();
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private HttpResponse<String> call(String key, String method, String path, JsonObject body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("/api/") ? base.replace("/api/v1", "")
                + path : base + path)).header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(10));
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String create(String key, String path, JsonObject body) throws Exception {
        HttpResponse<String> r = call(key, "POST", path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body()).getString("id");
    }

    private String keyWithRole(String role) throws Exception {
        String user = create(ownerKey, "/users", new JsonObject().put("name", "u-" + role).put("role", role));
        HttpResponse<String> k = call(ownerKey, "POST", "/users/" + user + "/apikeys", new JsonObject().put("label", "t"));
        return new JsonObject(k.body()).getString("key");
    }

    private String trunk(String key, String name, JsonArray prefixes) throws Exception {
        return create(key, "/trunks", new JsonObject().put("name", name).put("direction", "outbound")
                .put("hosts", new JsonArray().add("127.0.0.1")).put("port", sippPort).put("codecs", new JsonArray().add("PCMU"))
                .put("dialOutPrefixes", prefixes));
    }

    private String meeting(String key, String code) throws Exception {
        return create(key, "/meetings", new JsonObject().put("name", "Dial-out " + code).put("accessCode", code));
    }

    private static JsonObject dial(String trunkId, String number) {
        return new JsonObject().put("number", number).put("trunkId", trunkId);
    }

    @Test
    void dialOutJoinsTheMeetingAndLeavesAnOutboundCdr() throws Exception {
        String trunkId = trunk(ownerKey, "carrier-out", new JsonArray().add("+44"));
        String meetingId = meeting(ownerKey, "55501");
        try (DatagramSocket calleeRtp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Path work = Files.createDirectories(dir.resolve("sipp"));
            Path scenario = work.resolve("dialout-callee.xml");
            Files.write(scenario, getClass().getResourceAsStream("/sipp/dialout-callee.xml").readAllBytes());
            Sipp.Running callee = Sipp.scenario(scenario, fixture.sipTarget(), work).localPort(sippPort)
                    .key("callee_rtp", Integer.toString(calleeRtp.getLocalPort())).key("digit", "1")
                    .timeout(Duration.ofSeconds(30)).start();
            String hex = String.format(":%04X ", sippPort);
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.readAllLines(Path.of("/proc/net/udp")).stream()
                    .anyMatch(l -> l.contains(hex)));

            String operatorKey = keyWithRole("operator");
            HttpResponse<String> r = call(operatorKey, "POST", "/meetings/" + meetingId + "/dial-out", dial(trunkId, NUMBER));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            String location = r.headers().firstValue("Location").orElseThrow();
            assertThat(location).startsWith("/api/v1/meetings/" + meetingId + "/dial-out/");
            JsonObject accepted = new JsonObject(r.body());
            assertThat(accepted.getString("number")).isEqualTo(NUMBER);

            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() ->
                    new JsonObject(call(operatorKey, "GET", location, null).body()).getString("status").equals("JOINED"));
            assertThat(fixture.server.bridge().findConference(meetingId).orElseThrow().size()).isEqualTo(1);
            Sipp.Result done = callee.await();
            assertThat(done.ok()).as(done.describe()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    new JsonObject(call(operatorKey, "GET", location, null).body()).getString("status").equals("ENDED"));
        }
        await().atMost(Duration.ofSeconds(5)).until(() ->
                new JsonObject(call(ownerKey, "GET", "/cdrs", null).body()).getInteger("total") > 0);
        JsonObject cdr = new JsonObject(call(ownerKey, "GET", "/cdrs", null).body()).getJsonArray("items").getJsonObject(0);
        assertThat(cdr.getString("direction")).isEqualTo("outbound");
        assertThat(cdr.getString("trunkId")).isEqualTo(trunkId);
        assertThat(cdr.getString("meetingId")).isEqualTo(meetingId);
        assertThat(cdr.getString("calledNumber")).isEqualTo(NUMBER);
        assertThat(cdr.getString("cause")).isEqualTo("CALLER_HANGUP");
        assertThat(cdr.getString("answerTime")).isNotNull();
        String audit = call(ownerKey, "GET", "/audit?limit=200", null).body();
        assertThat(new JsonObject(audit).getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(e -> "dial-out".equals(e.getString("action"))).findFirst().orElseThrow()
                .getJsonObject("after").getString("number")).as("who dialed what is audited").isEqualTo(NUMBER);
    }

    @Test
    void rolesTenantsAndBadNumbers() throws Exception {
        String trunkId = trunk(ownerKey, "carrier-uk", new JsonArray().add("+44"));
        String closed = trunk(ownerKey, "carrier-closed", new JsonArray());
        String meetingId = meeting(ownerKey, "55502");
        String path = "/meetings/" + meetingId + "/dial-out";
        try (DatagramSocket trunkHost = new DatagramSocket(sippPort, InetAddress.getLoopbackAddress())) {
            trunkHost.setSoTimeout(500);

            HttpResponse<String> viewer = call(keyWithRole("viewer"), "POST", path, dial(trunkId, NUMBER));
            assertThat(viewer.statusCode()).as(viewer.body()).isEqualTo(403);

            HttpResponse<String> foreignAccount = call(ownerKey, "POST", "/accounts", new JsonObject().put("name", "Other"));
            String otherKey = new JsonObject(foreignAccount.body()).getString("apiKey");
            String otherTrunk = trunk(otherKey, "other-carrier", new JsonArray().add("+44"));
            String otherMeeting = meeting(otherKey, "55503");
            assertThat(call(ownerKey, "POST", "/meetings/" + otherMeeting + "/dial-out", dial(trunkId, NUMBER))
                    .statusCode()).as("a foreign meeting").isEqualTo(404);
            assertThat(call(ownerKey, "POST", path, dial(otherTrunk, NUMBER)).statusCode()).as("a foreign trunk")
                    .isEqualTo(404);
            assertThat(call(otherKey, "GET", "/meetings/" + meetingId + "/dial-out/x", null).statusCode()).isEqualTo(404);

            HttpResponse<String> bad = call(ownerKey, "POST", path, dial(trunkId, "0044 1632"));
            assertThat(bad.statusCode()).isEqualTo(422);
            assertThat(bad.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(new JsonObject(bad.body()).getJsonArray("errors").getJsonObject(0).getString("field"))
                    .isEqualTo("number");
            HttpResponse<String> us = call(ownerKey, "POST", path, dial(trunkId, "+12125550100"));
            assertThat(us.statusCode()).as(us.body()).isEqualTo(422);
            assertThat(us.body()).contains("+44");
            HttpResponse<String> none = call(ownerKey, "POST", path, dial(closed, NUMBER));
            assertThat(none.statusCode()).as(none.body()).isEqualTo(422);
            assertThat(none.body()).contains("no dial-out prefixes");

            byte[] buf = new byte[2048];
            boolean packet;
            try {
                trunkHost.receive(new java.net.DatagramPacket(buf, buf.length));
                packet = true;
            } catch (java.net.SocketTimeoutException e) {
                packet = false;
            }
            assertThat(packet).as("no refused dial-out sent a packet").isFalse();
        }
    }

    @Test
    void cliDialsOut() throws Exception {
        String trunkId = trunk(ownerKey, "carrier-cli", new JsonArray().add("+44"));
        String meetingId = meeting(ownerKey, "55504");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("VOXGATE_ADMIN_KEY", ownerKey);
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, pem(fixture.server.admin().orElseThrow()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MeetingCommand(env), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == org.voxgate.server.cli.MeetingDialOutCommand.class) {
                    return cls.cast(new org.voxgate.server.cli.MeetingDialOutCommand(env));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int refused = cli.execute("dial-out", meetingId, "+12125550100", "--trunk", trunkId, "--url", base,
                "--cacert", ca.toString());
        assertThat(refused).as(out + "\n" + err).isEqualTo(1);
        assertThat(err.toString() + out).contains("number");
        out.getBuffer().setLength(0);
        int placed = cli.execute("dial-out", meetingId, NUMBER, "--trunk", trunkId, "--url", base, "--cacert",
                ca.toString(), "--json");
        assertThat(placed).as(out + "\n" + err).isZero();
        assertThat(new JsonObject(out.toString()).getString("status")).isEqualTo("DIALING");
    }

    private static String pem(AdminModule admin) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(admin.certificate().orElseThrow().certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
