package org.voxgate.server.store;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which trunk hosts are internal: a trunk must not make the server send SIP to itself, to its
 * link-local neighbours or to a cloud metadata service (server-side request forgery).
 * Checks literal addresses and well-known names; host names are not resolved here, so the
 * SIP layer must check resolved addresses again when it connects.
 */
public final class HostPolicy {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Set<String> INTERNAL_NAMES = Set.of("localhost", "metadata", "metadata.google.internal",
            "instance-data", "instance-data.ec2.internal");

    private HostPolicy() {}

    /** True for a literal IPv4 dotted quad or IPv6 address (without brackets). */
    public static boolean isIpLiteral(String s) {
        return parseLiteral(s) != null;
    }

    /**
     * True for loopback (127/8, ::1), unspecified (0/8, ::), link-local (169.254/16 with the
     * metadata address 169.254.169.254, fe80::/10), the AWS IPv6 metadata address
     * fd00:ec2::254, Alibaba's 100.100.100.200, IPv4-mapped forms of these, and the names
     * localhost, *.localhost and the metadata host names.
     */
    public static boolean isInternal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (INTERNAL_NAMES.contains(h) || h.endsWith(".localhost")) {
            return true;
        }
        InetAddress a = parseLiteral(h);
        if (a == null) {
            return false;
        }
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return (b[0] == 0) || (b[0] == 100 && b[1] == 100 && b[2] == 100 && (b[3] & 0xff) == 200);
        }
        // fd00:ec2::254
        return h.equals("fd00:ec2::254") || (b[0] == (byte) 0xfd && b[1] == 0 && b[2] == 0x0e && b[3] == (byte) 0xc2
                && allZero(b, 4, 14) && b[14] == 0x02 && b[15] == 0x54);
    }

    /** True for an address, or an address with a prefix length that fits its family. */
    public static boolean isCidr(String s) {
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        InetAddress a = parseLiteral(addr);
        if (a == null) {
            return false;
        }
        if (slash < 0) {
            return true;
        }
        String len = s.substring(slash + 1);
        if (!len.matches("[0-9]{1,3}")) {
            return false;
        }
        int bits = Integer.parseInt(len);
        return bits <= (a instanceof Inet4Address ? 32 : 128);
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Parses a literal without any DNS lookup, or returns null. */
    static InetAddress parseLiteral(String s) {
        try {
            if (IPV4.matcher(s).matches()) {
                return InetAddress.getByName(s);
            }
            if (s.indexOf(':') >= 0 && IPV6.matcher(s).matches()) {
                InetAddress a = InetAddress.getByName(s);
                // a mapped ::ffff:a.b.c.d comes back as Inet4Address
                return (a instanceof Inet6Address || a instanceof Inet4Address) ? a : null;
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }
}
