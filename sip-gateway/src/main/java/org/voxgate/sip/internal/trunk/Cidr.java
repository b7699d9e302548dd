package org.voxgate.sip.internal.trunk;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One network in CIDR notation (RFC 4632 section 3.1 for IPv4, RFC 4291 section 2.3 for IPv6):
 *
 * <pre>
 *   192.0.2.0/24        2001:db8::/32        198.51.100.7   (no "/": one host, /32 or /128)
 *   └─ address ┘└prefix  └ address ┘└prefix
 * </pre>
 *
 * Only literals are accepted (never a host name: no DNS lookup here). Bits of the address
 * below the prefix are ignored. An IPv4-mapped IPv6 source ({@code ::ffff:192.0.2.1}, what a
 * dual-stack socket reports) matches IPv4 networks. Immutable.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefixBits;
    private final String text;

    private Cidr(byte[] network, int prefixBits, String text) {
        this.network = network;
        this.prefixBits = prefixBits;
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException when {@code text} is not an IPv4 or IPv6 literal with an
     *                                  optional prefix length in range
     */
    public static Cidr parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        if (addr.isEmpty() || !addr.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("not an IP network: '" + text + "'");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(addr).getAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'", e);
        }
        if (addr.indexOf(':') >= 0 && bytes.length == 4) {
            throw new IllegalArgumentException("write IPv4-mapped networks as IPv4: '" + text + "'");
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!p.matches("[0-9]{1,3}")) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'");
            }
            prefix = Integer.parseInt(p);
            if (prefix > max) {
                throw new IllegalArgumentException("prefix length over " + max + " in '" + text + "'");
            }
        }
        mask(bytes, prefix);
        String canonical;
        try {
            canonical = InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes: cannot happen
        }
        return new Cidr(bytes, prefix, canonical);
    }

    private static void mask(byte[] b, int prefix) {
        for (int i = 0; i < b.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
            b[i] &= (byte) (bitsHere == 0 ? 0 : 0xff << (8 - bitsHere));
        }
    }

    /** Whether {@code address} lies in this network; false for the other address family. */
    public boolean contains(InetAddress address) {
        byte[] a = normalized(address);
        if (a == null || a.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int m = 0xff << (8 - rest) & 0xff;
        return (a[full] & m) == (network[full] & 0xff);
    }

    /** The address as 4 bytes for IPv4 and IPv4-mapped IPv6, else 16; null for null. */
    static byte[] normalized(InetAddress address) {
        if (address == null) {
            return null;
        }
        byte[] a = address.getAddress();
        if (address instanceof Inet6Address && isV4Mapped(a)) {
            return Arrays.copyOfRange(a, 12, 16);
        }
        return a;
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    public int prefixBits() {
        return prefixBits;
    }

    /** True for an IPv4 network. */
    public boolean ipv4() {
        return network.length == 4;
    }

    /** The network in canonical form ("10.0.0.9/8" reads back as "10.0.0.0/8"). */
    @Override
    public String toString() {
        return text;
    }

    static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }
}
