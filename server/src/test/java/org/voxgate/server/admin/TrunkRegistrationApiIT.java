package org.voxgate.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.sip.RegistrationState;
import org.voxgate.sip.RegistrationStatus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code GET /trunks/{id}/registration} over real HTTPS on H2: live status, tenancy, roles. */
class TrunkRegistrationApiIT {
    @TempDir
    Path dataDir;
    private AdminModule module;

    @AfterEach
    void stop() {
        if (module != null) {
            module.close();
        }
    }

    private static JsonObject trunk(String name, boolean register) {
        JsonObject o = new JsonObject().put("name", name).put("hosts", new JsonArray().add("sip.carrier.example"))
                .put("inboundCidrs", new JsonArray().add("192.0.2.0/24"));
        if (register) {
            o.put("registerEnabled", true).put("registerUsername", "acct").put("registerPassword", "Trunk-Secret-1");
        }
        return o;
    }

    @Test
    void showsTheGatewaysStatusToTheTrunksOwnAccountOnly() throws Exception {
        module = AdminModule.start(AdminConfig.defaultsForTest(), dataDir);
        ApiClient owner = ApiClient.forModule(module, module.bootstrapKey().orElseThrow());
        ApiClient.Response created = owner.post("/trunks", trunk("carrier-a", true));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().getString("id");
        String plain = owner.post("/trunks", trunk("carrier-b", false)).json().getString("id");

        // before the gateway reports anything
        JsonObject before = owner.get("/trunks/" + id + "/registration").json();
        assertThat(before.getString("state")).isEqualTo("UNREGISTERED");
        assertThat(owner.get("/trunks/" + plain + "/registration").json().getString("state"))
                .isEqualTo("NOT_CONFIGURED");

        Instant expires = Instant.parse("2026-01-01T10:00:00Z");
        module.registrations(() -> Map.of(id, new RegistrationStatus(id, RegistrationState.FAILED,
                "sip.carrier.example", 0, null, 401, "credentials refused: 401 again after our answer (stale=false)",
                expires)));
        ApiClient.Response r = owner.get("/trunks/" + id + "/registration");
        assertThat(r.status()).isEqualTo(200);
        JsonObject o = r.json();
        assertThat(o.getString("trunkId")).isEqualTo(id);
        assertThat(o.getString("state")).isEqualTo("FAILED");
        assertThat(o.getString("registrar")).isEqualTo("sip.carrier.example");
        assertThat(o.getInteger("lastStatusCode")).isEqualTo(401);
        assertThat(o.getString("lastFailure")).contains("credentials refused");
        assertThat(o.getString("nextAttemptAt")).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(o.getValue("expiresAt")).isNull();
        assertThat(r.body()).doesNotContain("Trunk-Secret");

        // a viewer of the account may read it
        String viewer = owner.post("/users", new JsonObject().put("name", "v1").put("role", "viewer")).json()
                .getString("id");
        String key = owner.post("/users/" + viewer + "/apikeys", new JsonObject()).json().getString("key");
        assertThat(owner.withKey(key).get("/trunks/" + id + "/registration").status()).isEqualTo(200);

        // another tenant learns nothing, not even that the id exists
        ApiClient.Response acc = owner.post("/accounts", new JsonObject().put("name", "Tenant B"));
        ApiClient other = owner.withKey(acc.json().getString("apiKey"));
        assertThat(other.get("/trunks/" + id + "/registration").status()).isEqualTo(404);
        assertThat(other.get("/trunks/" + java.util.UUID.randomUUID() + "/registration").status()).isEqualTo(404);
        assertThat(owner.withKey(null).get("/trunks/" + id + "/registration").status()).isEqualTo(401);
    }
}
