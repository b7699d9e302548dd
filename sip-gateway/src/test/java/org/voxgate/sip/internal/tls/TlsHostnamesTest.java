package org.voxgate.sip.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 6125 section 6.4 matching of dNSName patterns (the certificate cases run in CarrierTlsIT). */
class TlsHostnamesTest {

    @Test
    void exactNamesMatch() {
        assertThat(TlsHostnames.dnsMatches("sip.carrier.example", "sip.carrier.example")).isTrue();
        assertThat(TlsHostnames.dnsMatches("sip.carrier.example", "sip2.carrier.example")).isFalse();
        assertThat(TlsHostnames.dnsMatches("carrier.example", "sip.carrier.example")).isFalse();
    }

    @Test
    void aWildcardCoversExactlyOneLeftMostLabel() {
        assertThat(TlsHostnames.dnsMatches("*.carrier.example", "a.carrier.example")).isTrue();
        assertThat(TlsHostnames.dnsMatches("*.carrier.example", "carrier.example")).isFalse();
        assertThat(TlsHostnames.dnsMatches("*.carrier.example", "a.b.carrier.example")).isFalse();
        assertThat(TlsHostnames.dnsMatches("*.example", "carrier.example")).isFalse(); // no wildcard over a TLD
        assertThat(TlsHostnames.dnsMatches("s*.carrier.example", "sip.carrier.example")).isFalse();
        assertThat(TlsHostnames.dnsMatches("*", "carrier")).isFalse();
    }

    @Test
    void nothingMatchesWithoutACertificateOrHost() {
        assertThat(TlsHostnames.matches(null, "127.0.0.1")).isFalse();
    }
}
