package org.voxgate.sip.internal.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void ipv4Blocks() throws Exception {
        Cidr c = Cidr.parse("192.168.10.0/23");
        assertThat(c.contains(InetAddress.getByName("192.168.10.1"))).isTrue();
        assertThat(c.contains(InetAddress.getByName("192.168.11.255"))).isTrue();
        assertThat(c.contains(InetAddress.getByName("192.168.12.0"))).isFalse();
        assertThat(c.contains(InetAddress.getByName("192.168.9.255"))).isFalse();
        assertThat(c.toString()).isEqualTo("192.168.10.0/23");
        assertThat(Cidr.parse("10.1.2.3").contains(InetAddress.getByName("10.1.2.3"))).isTrue();
        assertThat(Cidr.parse("10.1.2.3").contains(InetAddress.getByName("10.1.2.4"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.5"))).isTrue();
        assertThat(Cidr.parse("10.0.0.9/8").toString()).isEqualTo("10.0.0.0/8");
    }

    @Test
    void ipv6BlocksNeverMatchIpv4() throws Exception {
        Cidr c = Cidr.parse("2001:db8:abcd::/48");
        assertThat(c.contains(InetAddress.getByName("2001:db8:abcd:1::7"))).isTrue();
        assertThat(c.contains(InetAddress.getByName("2001:db8:abce::1"))).isFalse();
        assertThat(c.contains(InetAddress.getByName("10.0.0.1"))).isFalse();
        assertThat(Cidr.parse("10.0.0.0/8").contains(InetAddress.getByName("::1"))).isFalse();
    }

    @Test
    void refusesNamesAndBadPrefixes() {
        for (String bad : new String[] {"", "example.com", "10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/x",
                "1.2.3.4.5"}) {
            assertThatThrownBy(() -> Cidr.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
