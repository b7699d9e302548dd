package org.voxgate.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.server.store.ApiKeys;
import org.voxgate.server.store.Row;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Start-up behaviour of the admin module: first start, restart, configured key, lockout, plain HTTP. */
class AdminModuleIT {

    @TempDir
    Path dir;

    @Test
    void restartKeepsDataSecretsAndCertificateAndPrintsNoNewKey() throws Exception {
        String key;
        String fingerprint;
        String trunkId;
        AdminConfig cfg = AdminConfig.defaultsForTest();
        try (AdminModule m = AdminModule.start(cfg, dir)) {
            key = m.bootstrapKey().orElseThrow();
            assertThat(m.banner()).contains(key).contains("https://127.0.0.1:" + m.port());
            fingerprint = m.certificate().orElseThrow().fingerprint();
            ApiClient c = ApiClient.forModule(m, key);
            ApiClient.Response r = c.post("/trunks", new JsonObject().put("name", "t").put("hosts",
                    new JsonArray().add("192.0.2.1")).put("inboundUsername", "u").put("inboundPassword", "Persist-Me-1"));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            trunkId = r.json().getString("id");
        }
        try (AdminModule m = AdminModule.start(cfg, dir)) {
            assertThat(m.bootstrapKey()).isEmpty();
            assertThat(m.banner()).doesNotContain("vgk_");
            assertThat(m.certificate().orElseThrow().fingerprint()).isEqualTo(fingerprint);
            ApiClient c = ApiClient.forModule(m, key);
            assertThat(c.get("/trunks/" + trunkId).status()).isEqualTo(200);
            String account = c.get("/accounts").json().getJsonArray("items").getJsonObject(0).getString("id");
            Row row = m.store().trunks().find(account, trunkId).orElseThrow();
            assertThat(m.store().trunks().reveal(row, "inboundPassword")).isEqualTo("Persist-Me-1");
        }
    }

    @Test
    void configuredBootstrapKeyIsUsedAndNotPrinted() throws Exception {
        String configured = ApiKeys.generate().plaintext();
        try (AdminModule m = AdminModule.start(AdminConfig.defaultsForTest().withBootstrapKey(configured), dir)) {
            assertThat(m.bootstrapKey()).isEmpty();
            assertThat(m.banner()).doesNotContain(configured);
            assertThat(ApiClient.forModule(m, configured).get("/trunks").status()).isEqualTo(200);
        }
        assertThatThrownBy(() -> AdminModule.start(AdminConfig.defaultsForTest().withBootstrapKey("letmein"),
                dir.resolve("other"))).isInstanceOf(IOException.class);
    }

    @Test
    void repeatedFailedAuthenticationLocksTheAddressOut() throws Exception {
        AdminConfig cfg = AdminConfig.defaultsForTest().withLockout(3, Duration.ofMinutes(5));
        try (AdminModule m = AdminModule.start(cfg, dir)) {
            ApiClient good = ApiClient.forModule(m, m.bootstrapKey().orElseThrow());
            ApiClient bad = good.withKey("vgk_0123456789abcdef_" + "B".repeat(43));
            assertThat(good.get("/trunks").status()).isEqualTo(200);
            for (int i = 0; i < 3; i++) {
                assertThat(bad.get("/trunks").status()).isEqualTo(401);
            }
            ApiClient.Response locked = good.get("/trunks");
            assertThat(locked.status()).isEqualTo(429);
            assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 300L);
            assertThat(locked.json().getString("type")).isEqualTo("urn:voxgate:problem:locked-out");
        }
    }

    @Test
    void plainHttpOnlyWhenEnabledAndOnlyOnLoopback() throws Exception {
        try (AdminModule m = AdminModule.start(AdminConfig.defaultsForTest().withPlainHttp(true), dir)) {
            assertThat(m.baseUrl()).startsWith("http://127.0.0.1:");
            assertThat(m.certificate()).isEmpty();
            assertThat(ApiClient.forModule(m, m.bootstrapKey().orElseThrow()).get("/trunks").status()).isEqualTo(200);
        }
        AdminConfig wild = new AdminConfig(true, "0.0.0.0", 0, true, "", "", java.util.List.of(), false, 10,
                Duration.ofMinutes(1), Duration.ofMinutes(5), "", "", "", "", 4, "", 20, 40);
        assertThatThrownBy(() -> AdminModule.start(wild, dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("loopback");
    }
}
