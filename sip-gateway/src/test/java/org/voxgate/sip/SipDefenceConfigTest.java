package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class SipDefenceConfigTest {

    @Test
    void defaultsAreKamailioPikeAndTheIssueLimits() {
        SipDefenceConfig d = SipDefenceConfig.defaults();
        assertThat(d.requestsPerWindow()).isEqualTo(16);
        assertThat(d.rateWindow()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.banDuration()).isEqualTo(Duration.ofSeconds(300));
        assertThat(d.authFailuresBeforeBan()).isEqualTo(5);
        assertThat(d.authFailureWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.trustedNetworks()).isEmpty();
        assertThat(d.maxMessageBytes()).isEqualTo(16_384);
        assertThat(d.maxRequestUriLength()).isEqualTo(512);
        assertThat(d.maxHeaders()).isEqualTo(100);
        assertThat(d.scannerUserAgents()).contains("friendly-scanner", "sipvicious", "sipcli", "sip-scan", "sundayddr",
                "iwar", "vaxsipuseragent", "pplsip");
        assertThat(SipConfig.defaults("127.0.0.1", "127.0.0.1").defence()).isEqualTo(d);
    }

    @Test
    void refusesLimitsThatCannotWork() {
        SipDefenceConfig d = SipDefenceConfig.defaults();
        assertThatThrownBy(() -> d.withRateLimit(0, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("requestsPerWindow");
        assertThatThrownBy(() -> d.withRateLimit(16, Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("rateWindow");
        assertThatThrownBy(() -> d.withOverload(10, 1.5)).hasMessageContaining("overloadLoadRatio");
        assertThatThrownBy(() -> d.withOverload(0, 0.8)).hasMessageContaining("maxNewInvitesPerSecond");
        assertThatThrownBy(() -> new SipDefenceConfig(16, Duration.ofSeconds(2), Duration.ofSeconds(300), 5,
                Duration.ofSeconds(60), List.of(), 65_536, 70_000, 512, 100, 100, 0.8, 30, List.of()))
                .hasMessageContaining("maxMessageBytes");
        assertThatThrownBy(() -> new SipDefenceConfig(16, Duration.ofSeconds(2), Duration.ofSeconds(300), 5,
                Duration.ofSeconds(60), List.of(), 65_536, 16_384, 512, 100, 100, 0.8, 30, List.of(" ")))
                .hasMessageContaining("scannerUserAgents");
    }

    @Test
    void scannerNamesAreKeptInLowerCase() {
        SipDefenceConfig d = new SipDefenceConfig(16, Duration.ofSeconds(2), Duration.ofSeconds(300), 5,
                Duration.ofSeconds(60), List.of("10.0.0.0/8"), 65_536, 16_384, 512, 100, 100, 0.8, 30,
                List.of("SIPVicious"));
        assertThat(d.scannerUserAgents()).containsExactly("sipvicious");
        assertThat(d.withTrustedNetworks(List.of()).trustedNetworks()).isEmpty();
    }
}
