package org.voxgate.sip.internal.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class CidrTableTest {

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void ipv4PrefixesIncludingEdges() throws Exception {
        Cidr c = Cidr.parse("192.0.2.0/24");
        assertThat(c.contains(ip("192.0.2.0"))).isTrue();
        assertThat(c.contains(ip("192.0.2.255"))).isTrue();
        assertThat(c.contains(ip("192.0.3.0"))).isFalse();
        assertThat(c.contains(ip("192.0.1.255"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("2001:db8::1"))).as("other family").isFalse();
        assertThat(Cidr.parse("198.51.100.7/32").contains(ip("198.51.100.7"))).isTrue();
        assertThat(Cidr.parse("198.51.100.7/32").contains(ip("198.51.100.6"))).isFalse();
        assertThat(Cidr.parse("198.51.100.7").prefixBits()).as("bare address is a host").isEqualTo(32);
        // an odd prefix cuts inside a byte: 10.0.0.0/9 is 10.0.0.0 - 10.127.255.255
        assertThat(Cidr.parse("10.0.0.0/9").contains(ip("10.127.255.255"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/9").contains(ip("10.128.0.0"))).isFalse();
        // host bits below the prefix are ignored
        assertThat(Cidr.parse("192.0.2.77/24").contains(ip("192.0.2.1"))).isTrue();
    }

    @Test
    void ipv6PrefixesIncludingEdges() throws Exception {
        Cidr c = Cidr.parse("2001:db8::/32");
        assertThat(c.contains(ip("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"))).isTrue();
        assertThat(c.contains(ip("2001:db9::"))).isFalse();
        assertThat(c.contains(ip("192.0.2.1"))).isFalse();
        assertThat(Cidr.parse("::1/128").contains(ip("::1"))).isTrue();
        assertThat(Cidr.parse("::1/128").contains(ip("::2"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(ip("fe80::1"))).isTrue();
        assertThat(Cidr.parse("2001:db8::/127").contains(ip("2001:db8::1"))).isTrue();
        assertThat(Cidr.parse("2001:db8::/127").contains(ip("2001:db8::2"))).isFalse();
    }

    @Test
    void ipv4MappedSourcesMatchIpv4Networks() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 192;
        mapped[14] = 2;
        mapped[15] = 9;
        InetAddress v4mapped = java.net.Inet6Address.getByAddress(null, mapped, -1);
        assertThat(Cidr.parse("192.0.2.0/24").contains(v4mapped)).isTrue();
    }

    @Test
    void refusesNamesAndBadPrefixes() {
        for (String bad : new String[] {"carrier.example.com", "192.0.2.0/33", "2001:db8::/129", "192.0.2.0/-1",
                "192.0.2.0/", "", "192.0.2.0/24/1", "::ffff:192.0.2.1/120"}) {
            assertThatThrownBy(() -> Cidr.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theMostSpecificNetworkWins() throws Exception {
        CidrTable<String> t = CidrTable.<String>builder().add(Cidr.parse("10.0.0.0/8"), "wide")
                .add(Cidr.parse("10.1.2.0/24"), "narrow").add(Cidr.parse("10.1.2.3/32"), "host")
                .add(Cidr.parse("2001:db8::/48"), "v6").build();
        assertThat(t.match(ip("10.9.9.9"))).contains("wide");
        assertThat(t.match(ip("10.1.2.4"))).contains("narrow");
        assertThat(t.match(ip("10.1.2.3"))).contains("host");
        assertThat(t.match(ip("2001:db8:0:1::5"))).contains("v6");
        assertThat(t.match(ip("11.0.0.1"))).isEmpty();
        assertThat(t.match(null)).isEmpty();
    }
}
