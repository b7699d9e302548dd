package org.voxgate.sip.internal.defence;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * One CIDR block ({@code 192.0.2.0/24}, {@code 2001:db8::/32}) or a bare address (a /32 or
 * /128). Only numeric addresses are accepted: a host name here would mean a DNS lookup at start.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefixBits;

    private Cidr(byte[] network, int prefixBits) {
        this.network = network;
        this.prefixBits = prefixBits;
    }

    /** @throws IllegalArgumentException when {@code text} is not a numeric address with an optional prefix */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        if (addr.isEmpty() || !addr.toLowerCase(Locale.ROOT).matches("[0-9a-f:.]+")) {
            throw new IllegalArgumentException("not a numeric IP address or CIDR block: '" + text + "'");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(addr).getAddress(); // numeric only: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a numeric IP address or CIDR block: '" + text + "'", e);
        }
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'", e);
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("prefix length " + bits + " out of range in '" + text + "'");
            }
        }
        return new Cidr(mask(bytes, bits), bits);
    }

    /** Whether {@code address} lies in this block (an IPv4 address never matches an IPv6 block). */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
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
        int m = (0xff << (8 - rest)) & 0xff;
        return (a[full] & m) == (network[full] & m);
    }

    private static byte[] mask(byte[] bytes, int bits) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            out[i] &= (byte) ((0xff << (8 - keep)) & 0xff);
        }
        return out;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixBits;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
