package org.voxgate.sip;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.voxgate.sip.internal.dns.DnsCache;
import org.voxgate.sip.internal.dns.DnsClient;
import org.voxgate.sip.internal.dns.ResolvConf;
import org.voxgate.sip.internal.dns.TargetResolver;

/**
 * Locates a trunk host's SIP servers as RFC 3263 section 4 says: NAPTR, then SRV, then A/AAAA
 * for a name without a port; A/AAAA only for a name with one; a numeric address as it is. The
 * gateway uses one for dial-out and registration; {@code lab trunk-test} uses one to show the
 * targets. Answers are cached by their TTL (at most {@value #CACHE_ENTRIES} names). Thread-safe;
 * {@link #locate} blocks on DNS.
 */
public final class SipLocator {
    /** Bound of the answer cache, in (name, type) pairs. */
    public static final int CACHE_ENTRIES = 1024;
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);
    private static final int QUERY_ATTEMPTS = 2;

    private final TargetResolver resolver;
    private final List<InetSocketAddress> servers;

    private SipLocator(TargetResolver resolver, List<InetSocketAddress> servers) {
        this.resolver = resolver;
        this.servers = servers;
    }

    /**
     * A locator asking {@code dnsServers} ("192.0.2.53", "127.0.0.1:5353", "[2001:db8::53]:53")
     * for NAPTR, SRV, A and AAAA (the system resolver only for names they do not know), or, when
     * the list is empty, the servers of /etc/resolv.conf for NAPTR and SRV and the system resolver
     * for A/AAAA (hosts file and the JVM's address cache included). With neither, only A/AAAA.
     *
     * @throws IllegalArgumentException when a server is not a numeric address with an optional port
     */
    public static SipLocator create(List<String> dnsServers) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String s : dnsServers) {
            servers.add(ResolvConf.server(s));
        }
        boolean system = servers.isEmpty();
        if (system) {
            servers.addAll(ResolvConf.servers(Path.of("/etc/resolv.conf")));
        }
        DnsClient client = servers.isEmpty() ? null : new DnsClient(servers, QUERY_TIMEOUT, QUERY_ATTEMPTS);
        return new SipLocator(new TargetResolver(client, system,
                new DnsCache(CACHE_ENTRIES, System::nanoTime), new Random()), List.copyOf(servers));
    }

    /**
     * The targets of {@code host}, in the order to try them (SRV weights draw afresh each call);
     * empty when it resolves to nothing.
     *
     * @param port      the trunk's port, or 0 for none (then NAPTR and SRV decide)
     * @param transport the one transport the trunk uses; NAPTR and SRV records of others are ignored
     */
    public List<SipTarget> locate(String host, int port, Trunk.Transport transport) {
        return resolver.resolve(host, port, TargetResolver.allowedFor(transport));
    }

    /** The SRV name RFC 3263 section 4.1 asks for {@code host} on {@code transport}: {@code _sip._udp.host} ... */
    public static String srvName(String host, Trunk.Transport transport) {
        return TargetResolver.srvPrefix(transport) + host;
    }

    /** The DNS servers asked for NAPTR and SRV (empty: none, A/AAAA only). */
    public List<InetSocketAddress> servers() {
        return servers;
    }
}
