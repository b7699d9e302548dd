package org.voxgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The sip.localCallerNetworks and sip.realm settings. */
class SipAdmissionSettingsTest {

    @Test
    void defaultsTrustLoopbackOnlyAndUseTheAdvertisedAddressAsRealm() throws Exception {
        ServerConfig.SipAdmission a = ConfigLoader.load(null, Map.of()).sipAdmission();
        assertThat(a).isEqualTo(new ServerConfig.SipAdmission(List.of("127.0.0.0/8", "::1/128"), "",
                List.of("SHA-256", "MD5")));
        assertThat(ConfigLoader.load(null, Map.of("VOXGATE_SIP_DIGEST_ALGORITHMS", "MD5")).sipAdmission()
                .digestAlgorithms()).containsExactly("MD5");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_SIP_DIGEST_ALGORITHMS", "SHA-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sip.digestAlgorithms");
    }

    @Test
    void networksAndRealmFromTheEnvironment() throws Exception {
        ServerConfig.SipAdmission a = ConfigLoader.load(null, Map.of("VOXGATE_SIP_LOCAL_CALLER_NETWORKS",
                " 10.0.0.0/8, 2001:db8::/32,192.0.2.7 ", "VOXGATE_SIP_REALM", "voxgate.example.com")).sipAdmission();
        assertThat(a.localCallerNetworks()).containsExactly("10.0.0.0/8", "2001:db8::/32", "192.0.2.7");
        assertThat(a.realm()).isEqualTo("voxgate.example.com");
        assertThat(ConfigLoader.load(null, Map.of("VOXGATE_SIP_LOCAL_CALLER_NETWORKS", "")).sipAdmission()
                .localCallerNetworks()).as("empty: nobody calls without a trunk").isEmpty();
    }

    @Test
    void badNetworksAndRealmsNameTheKey() {
        for (String bad : new String[] {"10.0.0.0/33", "carrier.example.com", "::1/129", "10.0.0.0/x", "10.0.0.300"}) {
            assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_SIP_LOCAL_CALLER_NETWORKS", bad)))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("sip.localCallerNetworks");
        }
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_SIP_REALM", "has space")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sip.realm");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("VOXGATE_SIP_REALM", "quo\"te")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sip.realm");
    }
}
