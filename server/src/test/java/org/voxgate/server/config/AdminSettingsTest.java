package org.voxgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.voxgate.server.admin.AdminConfig;

/** The admin.* and database.* settings. */
class AdminSettingsTest {

    @Test
    void defaults() throws Exception {
        ServerConfig.Admin a = ConfigLoader.load(null, Map.of()).admin();
        assertThat(a.enabled()).isTrue();
        assertThat(a.port()).isEqualTo(8443);
        assertThat(a.plainHttp()).isFalse();
        assertThat(a.databaseUrl()).isEmpty();
        assertThat(a.lockout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(a.authFailureLimit()).isEqualTo(10);
        AdminConfig c = AdminConfig.from(a, List.of("192.0.2.5"));
        assertThat(c.certificateNames()).containsExactly("192.0.2.5");
        assertThat(c.databaseMaxPoolSize()).isEqualTo(10);
        assertThat(c.rateLimitPerSecond()).isEqualTo(20);
        assertThat(c.rateBurst()).isEqualTo(40);
    }

    @Test
    void rateLimitFromTheEnvironmentAndBounded() throws Exception {
        ServerConfig.Admin a = ConfigLoader.load(null, Map.of("VOXGATE_ADMIN_RATE_LIMIT_PER_SECOND", "5",
                "VOXGATE_ADMIN_RATE_BURST", "7")).admin();
        assertThat(AdminConfig.from(a, List.of()).rateLimitPerSecond()).isEqualTo(5);
        assertThat(a.rateBurst()).isEqualTo(7);
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_ADMIN_RATE_BURST", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("admin.rateBurst");
    }

    @Test
    void environmentSetsSecretsThatNeverShowInMessages() throws Exception {
        ServerConfig.Admin a = ConfigLoader.load(null, Map.of("VOXGATE_DATABASE_MASTER_KEY", "c2VjcmV0",
                "VOXGATE_DATABASE_PASSWORD", "pw-123", "VOXGATE_DATABASE_URL", "jdbc:postgresql://db/voxgate",
                "VOXGATE_ADMIN_BOOTSTRAP_KEY", "vgk_x")).admin();
        assertThat(a.masterKey()).isEqualTo("c2VjcmV0");
        assertThat(a.databasePassword()).isEqualTo("pw-123");
        assertThat(a.bootstrapKey()).isEqualTo("vgk_x");
        assertThat(a.toString()).doesNotContain("c2VjcmV0").doesNotContain("pw-123").doesNotContain("vgk_x");
        assertThat(AdminConfig.from(a, List.of()).toString()).doesNotContain("c2VjcmV0").doesNotContain("pw-123");
    }

    @Test
    void plainHttpOnlyOnLoopbackAndCertificatePairsComplete() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_ADMIN_PLAIN_HTTP", "true")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("admin.plainHttp");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_ADMIN_TLS_CERT_FILE", "/etc/cert.pem")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("admin.tlsKeyFile");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_DATABASE_URL", "mysql://x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("database.url");
    }

    @Test
    void plainHttpOnLoopbackIsAccepted() throws Exception {
        ServerConfig.Admin a = ConfigLoader.load(null, Map.of("VOXGATE_ADMIN_PLAIN_HTTP", "true",
                "VOXGATE_ADMIN_BIND_ADDRESS", "127.0.0.1")).admin();
        assertThat(a.plainHttp()).isTrue();
    }
}
