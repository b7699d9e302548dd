package org.voxgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The metrics.* settings. */
class MetricsSettingsTest {

    @Test
    void defaultsServeOnLoopback9100() throws Exception {
        ServerConfig.Metrics m = ConfigLoader.load(null, Map.of()).metrics();
        assertThat(m).isEqualTo(new ServerConfig.Metrics(true, "127.0.0.1", 9100));
    }

    @Test
    void environmentOverridesAndPortZeroIsAllowed() throws Exception {
        ServerConfig.Metrics m = ConfigLoader.load(null, Map.of("VOXGATE_METRICS_PORT", "0",
                "VOXGATE_METRICS_ENABLED", "false", "VOXGATE_METRICS_BIND_ADDRESS", "0.0.0.0")).metrics();
        assertThat(m).isEqualTo(new ServerConfig.Metrics(false, "0.0.0.0", 0));
    }

    @Test
    void badPortNamesKey() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_METRICS_PORT", "70000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metrics.port")
                .hasMessageContaining("VOXGATE_METRICS_PORT");
    }
}
