package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SipConfigTest {
    private static SipConfig with(int udp, int maxCalls, int se, int minSe, Duration digit, int attempts, String ua) {
        return new SipConfig("0.0.0.0", "sip.example.com", udp, 5060, maxCalls, se, minSe, digit,
                Duration.ofSeconds(10), attempts, ua);
    }

    @Test
    void defaults() {
        SipConfig c = SipConfig.defaults("0.0.0.0", "sip.example.com");
        assertThat(c.udpPort()).isEqualTo(5060);
        assertThat(c.tcpPort()).isEqualTo(5060);
        assertThat(c.sessionExpiresSeconds()).isEqualTo(1800);
        assertThat(c.minSessionExpiresSeconds()).isEqualTo(90);
        assertThat(c.digitTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.ivrInputTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.maxAttempts()).isEqualTo(3);
    }

    @Test
    void messagesNameTheFieldAndWhatIsAllowed() {
        Duration five = Duration.ofSeconds(5);
        assertThatThrownBy(() -> with(0, 10, 1800, 90, five, 3, "V")).hasMessageContaining("udpPort must be 1..65535");
        assertThatThrownBy(() -> with(5060, 0, 1800, 90, five, 3, "V")).hasMessageContaining("maxCalls must be at least 1");
        assertThatThrownBy(() -> with(5060, 10, 1800, 60, five, 3, "V")).hasMessageContaining("minSessionExpiresSeconds must be at least 90");
        assertThatThrownBy(() -> with(5060, 10, 100, 120, five, 3, "V")).hasMessageContaining("sessionExpiresSeconds must be at least");
        assertThatThrownBy(() -> with(5060, 10, 1800, 90, Duration.ZERO, 3, "V")).hasMessageContaining("digitTimeout must be positive");
        assertThatThrownBy(() -> with(5060, 10, 1800, 90, five, 0, "V")).hasMessageContaining("maxAttempts must be 1..10");
        assertThatThrownBy(() -> with(5060, 10, 1800, 90, five, 3, "bad\r\nua")).hasMessageContaining("userAgent");
        assertThatThrownBy(() -> new SipConfig("0.0.0.0", "0.0.0.0", 5060, 5060, 1, 1800, 90, five, five, 3, "V"))
                .hasMessageContaining("advertisedHost");
        assertThatThrownBy(() -> new SipConfig(null, "h", 5060, 5060, 1, 1800, 90, five, five, 3, "V"))
                .hasMessageContaining("bindAddress");
    }

    @Test
    void meetingAndRouteValidation() {
        assertThatThrownBy(() -> new Meeting("m", "12a", null, null, 5)).hasMessageContaining("accessCode");
        assertThatThrownBy(() -> new Meeting("m", "123", "1", "1", 5)).hasMessageContaining("differ");
        assertThatThrownBy(() -> new Meeting("m", "123", null, null, 0)).hasMessageContaining("maxParticipants");
        assertThat(new Meeting("m", "123", null, "9", 5).needsPin()).isTrue();
        assertThat(new Meeting("m", "123", null, null, 5).needsPin()).isFalse();
        assertThatThrownBy(() -> new DialPlanRoute(DialPlanRoute.Kind.MEETING, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DialPlanRoute(DialPlanRoute.Kind.IVR, new Meeting("m", "1", null, null, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tlsPortNeedsAnIdentityAndZeroMeansOff() throws Exception {
        SipConfig c = SipConfig.defaults("0.0.0.0", "sip.example.com");
        assertThat(c.tlsPort()).isZero();
        assertThat(c.tls()).isNull();
        assertThatThrownBy(() -> c.withTls(5061, null)).hasMessageContaining("tls (key and certificate) is required");
        assertThatThrownBy(() -> c.withTls(70000, null)).hasMessageContaining("tlsPort must be 1..65535");
        SipTls id = SecureCallsIT.selfSigned();
        SipConfig t = c.withTls(5061, id).withMaxCalls(5).withPorts(5070, 5070);
        assertThat(t.tlsPort()).isEqualTo(5061);
        assertThat(t.tls()).isSameAs(id);
        assertThat(id.toString()).contains("voxgate-test").doesNotContain("PRIVATE");
    }

    @Test
    void admissionDefaultsAndChecks() {
        SipConfig c = SipConfig.defaults("0.0.0.0", "192.0.2.5");
        assertThat(c.localCallerNetworks()).containsExactly("127.0.0.0/8", "::1/128");
        assertThat(c.realm()).isEqualTo("192.0.2.5");
        assertThat(c.digestAlgorithms()).containsExactly("SHA-256", "MD5");
        SipConfig md5 = c.withAdmission(java.util.List.of(), "voxgate.example").withDigestAlgorithms(java.util.List.of("MD5"));
        assertThat(md5.localCallerNetworks()).isEmpty();
        assertThat(md5.realm()).isEqualTo("voxgate.example");
        assertThat(md5.withPorts(5070, 5070).digestAlgorithms()).containsExactly("MD5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.withAdmission(java.util.List.of("10.0.0.0/33"), null))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.withAdmission(null, "a b"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.withDigestAlgorithms(java.util.List.of("SHA-1")))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.withDigestAlgorithms(java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
