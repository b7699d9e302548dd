package org.voxgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** sip.dnsServers: who locates trunk hosts by NAPTR/SRV (RFC 3263). */
class SipDnsServersSettingTest {

    @Test
    void emptyByDefaultMeaningResolvConf() throws Exception {
        assertThat(ConfigLoader.load(null, Map.of()).sipAdmission().dnsServers()).isEmpty();
    }

    @Test
    void aListFromTheEnvironment() throws Exception {
        assertThat(ConfigLoader.load(null, Map.of("VOXGATE_SIP_DNS_SERVERS", " 192.0.2.53, 127.0.0.1:5353,[2001:db8::53]:53 "))
                .sipAdmission().dnsServers()).containsExactly("192.0.2.53", "127.0.0.1:5353", "[2001:db8::53]:53");
    }

    @Test
    void namesAreRefusedBecauseTheServerMustNotNeedALookup() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_SIP_DNS_SERVERS", "dns.example.com")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sip.dnsServers");
    }
}
