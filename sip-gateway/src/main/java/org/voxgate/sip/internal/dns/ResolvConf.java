package org.voxgate.sip.internal.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The system resolver's servers: the {@code nameserver} lines of resolv.conf(5), port 53. */
public final class ResolvConf {
    /** RFC 1035 section 4.2: DNS servers listen on port 53. */
    public static final int DNS_PORT = 53;

    private ResolvConf() {
    }

    /** The servers of {@code file}; empty when it is missing or lists none. */
    public static List<InetSocketAddress> servers(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The {@code nameserver} addresses of resolv.conf text (numeric only; others are skipped). */
    public static List<InetSocketAddress> parse(String text) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].equals("nameserver")) {
                String a = f[1];
                int zone = a.indexOf('%');
                if (zone >= 0) {
                    a = a.substring(0, zone);
                }
                if (Literals.isNumeric(a)) {
                    try {
                        out.add(new InetSocketAddress(InetAddress.getByName(a), DNS_PORT)); // a literal: no lookup
                    } catch (IOException e) {
                        // not an address after all: skip it
                    }
                }
            }
        }
        return out;
    }

    /**
     * {@code "192.0.2.1"}, {@code "192.0.2.1:5353"}, {@code "2001:db8::1"}, {@code "[2001:db8::1]:5353"}
     * as a server address (port 53 when none is given).
     *
     * @throws IllegalArgumentException when it is not a numeric address (a server must not need a lookup)
     */
    public static InetSocketAddress server(String text) {
        String s = text.trim();
        String host = s;
        int port = DNS_PORT;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("bad DNS server " + text);
            }
            host = s.substring(1, close);
            if (s.length() > close + 1) {
                if (s.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("bad DNS server " + text);
                }
                port = port(s.substring(close + 2), text);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':') + 1), text);
        }
        if (!Literals.isNumeric(host)) {
            throw new IllegalArgumentException("DNS server must be a numeric address: " + text);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad DNS server " + text);
        }
    }

    private static int port(String p, String text) {
        try {
            int v = Integer.parseInt(p);
            if (v >= 1 && v <= 65_535) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new IllegalArgumentException("bad port in DNS server " + text);
    }
}
