package org.voxgate.sip.internal.dns;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One resource record of an answer (RFC 1035 section 3.2.1), its RDATA decoded for the types we
 * use; other types keep {@code data} null.
 *
 * @param name       owner name, lower case, without the trailing dot
 * @param type       RR type ({@link DnsWire#TYPE_A} ...)
 * @param ttlSeconds time to live, widened from the unsigned 32-bit field
 * @param data       {@link InetAddress} (A, AAAA), {@link Srv}, {@link Naptr}, {@link Soa}, a name
 *                   (CNAME) or null
 */
public record ResourceRecord(String name, int type, long ttlSeconds, Object data) {
    public ResourceRecord {
        Objects.requireNonNull(name, "name");
    }

    /** SRV RDATA (RFC 2782). {@code target} "" is the root: the service is not available there. */
    public record Srv(int priority, int weight, int port, String target) {}

    /** NAPTR RDATA (RFC 3403 section 4.1); the character-strings as ASCII text. */
    public record Naptr(int order, int preference, String flags, String service, String regexp,
                        String replacement) {}

    /** The SOA fields negative caching needs (RFC 2308 section 5). */
    public record Soa(String mname, long minimumSeconds) {}
}
