package org.voxgate.sip.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class ResolvConfTest {
    @Test
    void readsNameserverLinesOnly() {
        var servers = ResolvConf.parse("""
                # generated
                search example.com
                nameserver 192.0.2.53
                nameserver fe80::1%eth0
                nameserver   2001:db8::53
                nameserver dns.example.com
                options ndots:2
                """);
        assertThat(servers).extracting(InetSocketAddress::getPort).containsOnly(53);
        assertThat(servers).extracting(a -> a.getAddress().getHostAddress())
                .containsExactly("192.0.2.53", "fe80:0:0:0:0:0:0:1", "2001:db8:0:0:0:0:0:53");
    }

    @Test
    void serverSettingTakesAnOptionalPort() {
        assertThat(ResolvConf.server("127.0.0.1:5353")).isEqualTo(new InetSocketAddress("127.0.0.1", 5353));
        assertThat(ResolvConf.server("192.0.2.1").getPort()).isEqualTo(53);
        assertThat(ResolvConf.server("[2001:db8::1]:54").getPort()).isEqualTo(54);
        assertThat(ResolvConf.server("2001:db8::1").getPort()).isEqualTo(53);
        assertThatThrownBy(() -> ResolvConf.server("dns.example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResolvConf.server("127.0.0.1:0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResolvConf.server("[::1]x")).isInstanceOf(IllegalArgumentException.class);
    }
}
