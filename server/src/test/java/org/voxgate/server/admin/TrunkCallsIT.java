package org.voxgate.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.server.ServerFixture;
import org.voxgate.testing.FreePorts;
import org.voxgate.testing.Sipp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Trunks configured over the admin HTTPS API apply live to SIP: the whole server, SIPp calling
 * from 127.0.0.2 (only 127.0.0.1 is a local caller network here, so 127.0.0.2 needs a trunk).
 */
class TrunkCallsIT {
    private static final String CARRIER = "127.0.0.2";

    @TempDir
    Path dir;

    private ServerFixture fixture;
    private ApiClient owner;

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start(dir.resolve("data"), Map.of("VOXGATE_SIP_LOCAL_CALLER_NETWORKS", "127.0.0.1/32",
                "VOXGATE_ADMIN_ALLOW_INTERNAL_TRUNK_HOSTS", "true", "VOXGATE_ADMIN_BIND_ADDRESS", "127.0.0.1",
                "VOXGATE_IVR_INPUT_TIMEOUT_SECONDS", "30"));
        AdminModule admin = fixture.server.admin().orElseThrow();
        owner = ApiClient.forModule(admin, admin.bootstrapKey().orElseThrow());
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static JsonObject created(ApiClient.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private String meeting(ApiClient c, String code) throws Exception {
        return created(c.post("/meetings", new JsonObject().put("name", "m" + code).put("accessCode", code)))
                .getString("id");
    }

    private JsonObject trunk(ApiClient c, String name) throws Exception {
        return created(c.post("/trunks", new JsonObject().put("name", name).put("hosts", new JsonArray().add("192.0.2.10"))
                .put("inboundCidrs", new JsonArray().add(CARRIER + "/32"))));
    }

    private void number(ApiClient c, String e164, String trunkId, String meetingId) throws Exception {
        JsonObject n = new JsonObject().put("e164", e164).put("trunkId", trunkId);
        if (meetingId != null) {
            n.put("route", "meeting").put("meetingId", meetingId);
        }
        created(c.post("/numbers", n));
    }

    private Sipp sipp(String scenario, String number, int holdMs) throws IOException {
        Path work = Files.createTempDirectory(dir, "sipp-");
        Path file = work.resolve(scenario);
        Files.write(file, getClass().getResourceAsStream("/sipp/" + scenario).readAllBytes());
        return Sipp.scenario(file, fixture.sipTarget(), work).arg("-i", CARRIER).service(number)
                .localPort(FreePorts.udpAndTcp()).mediaPort(FreePorts.udpRange(4)).arg("-d", Integer.toString(holdMs))
                .timeout(Duration.ofSeconds(40));
    }

    private int participants(String meetingId) {
        return fixture.server.bridge().findConference(meetingId).map(c -> c.size()).orElse(0);
    }

    @Test
    void aNewTrunkTakesCallsAtOnceAndDisablingItRefusesNewCallsButKeepsTheCurrentOne() throws Exception {
        String m = meeting(owner, "4444");
        Sipp.Result before = sipp("trunk-refused.xml", "+4930555000", 0).run();
        assertThat(before.ok()).as("no trunk yet: 403 " + before.describe()).isTrue();

        JsonObject t = trunk(owner, "carrier-a");
        number(owner, "+4930555000", t.getString("id"), m);
        // no wait: the trunk applies to the very next call
        Sipp.Running call = sipp("trunk-hold.xml", "+4930555000", 5000).start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> participants(m) == 1 || !call.isAlive());
        assertThat(participants(m)).as("the trunk's call joined the meeting").isEqualTo(1);

        ApiClient.Response off = owner.patch("/trunks/" + t.getString("id"), new JsonObject().put("enabled", false),
                "\"v" + t.getInteger("version") + "\"");
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        Sipp.Result refused = sipp("trunk-refused.xml", "+4930555000", 0).run();
        assertThat(refused.ok()).as("disabled: 403 " + refused.describe()).isTrue();
        assertThat(participants(m)).as("the current call goes on").isEqualTo(1);

        Sipp.Result first = call.await();
        assertThat(first.ok()).as(first.describe()).isTrue();

        JsonObject cdrs = owner.get("/cdrs").json();
        assertThat(cdrs.getJsonArray("items").stream().map(o -> (JsonObject) o))
                .anySatisfy(c -> {
                    assertThat(c.getString("trunkId")).isEqualTo(t.getString("id"));
                    assertThat(c.getString("cause")).isEqualTo("CALLER_HANGUP");
                });
    }

    @Test
    void aCallOnTenantAsNumberCannotReachTenantBsMeetingByAccessCode() throws Exception {
        String mine = meeting(owner, "4444");
        JsonObject acc = created(owner.post("/accounts", new JsonObject().put("name", "Tenant B")));
        ApiClient b = owner.withKey(acc.getString("apiKey"));
        String theirs = meeting(b, "8888");
        JsonObject t = trunk(owner, "carrier-a");
        number(owner, "+4930555001", t.getString("id"), null); // IVR

        Sipp.Running wrong = sipp("trunk-code.xml", "+4930555001", 2500).arg("-key", "d1", "8", "-key", "d2", "8",
                "-key", "d3", "8", "-key", "d4", "8").start();
        Sipp.Result r = wrong.await();
        assertThat(r.ok()).as(r.describe()).isTrue();
        assertThat(fixture.server.bridge().findConference(theirs)).as("tenant B's meeting never opened").isEmpty();

        Sipp.Running right = sipp("trunk-code.xml", "+4930555001", 4000).arg("-key", "d1", "4", "-key", "d2", "4",
                "-key", "d3", "4", "-key", "d4", "4").start();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> participants(mine) == 1 || !right.isAlive());
        assertThat(participants(mine)).as("the same path with tenant A's own code joins").isEqualTo(1);
        assertThat(right.await().ok()).isTrue();
    }
}
