package org.voxgate.sip.internal.dns;

import java.util.regex.Pattern;

/** Whether a host is a numeric address (RFC 3263 section 4.2: then no NAPTR or SRV is looked up). */
public final class Literals {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");

    private Literals() {
    }

    /** A dotted-quad IPv4 address or an IPv6 address (with or without brackets). */
    public static boolean isNumeric(String host) {
        return IPV4.matcher(host).matches() || IPV6.matcher(host).matches();
    }

    /** The host without IPv6 brackets. */
    public static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
