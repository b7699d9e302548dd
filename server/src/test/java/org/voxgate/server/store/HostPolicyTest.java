package org.voxgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "0.0.0.0", "::", "169.254.169.254", "169.254.1.2",
            "fe80::1", "fd00:ec2::254", "100.100.100.200", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
            "localhost", "LOCALHOST.", "foo.localhost", "metadata.google.internal", "0.1.2.3"})
    void internal(String host) {
        assertThat(HostPolicy.isInternal(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.10", "10.1.2.3", "2001:db8::1", "sip.carrier.example", "100.100.100.201",
            "fd00::1", "8.8.8.8"})
    void notInternal(String host) {
        assertThat(HostPolicy.isInternal(host)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.0/24", "192.0.2.1", "2001:db8::/32", "0.0.0.0/0", "::/0"})
    void cidrs(String s) {
        assertThat(HostPolicy.isCidr(s)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.0/33", "2001:db8::/129", "300.1.1.1", "example.com/24", "192.0.2.0/", "1.2.3.4/-1",
            "192.0.2.0/024x"})
    void notCidrs(String s) {
        assertThat(HostPolicy.isCidr(s)).isFalse();
    }
}
