package org.voxgate.sip.internal.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.SipTarget;
import org.voxgate.sip.Trunk;

/**
 * RFC 3263 section 4 for one trunk host, client side:
 * <ol>
 *   <li>a numeric address: itself, on the given port or the transport's default (section 4.2);</li>
 *   <li>an explicit port: the name's A/AAAA addresses on that port, no NAPTR, no SRV (section 4.2);</li>
 *   <li>else NAPTR (section 4.1): records with flag "s", a service we speak that the trunk
 *       allows ({@code SIPS+D2T} TLS, {@code SIP+D2T} TCP, {@code SIP+D2U} UDP), by order then
 *       preference (RFC 3403 section 4.1), each replacement looked up as SRV;</li>
 *   <li>no usable NAPTR: SRV for {@code _sips._tcp}, {@code _sip._tcp}, {@code _sip._udp}
 *       (the allowed ones, in that order), each ordered by {@link SrvOrder};</li>
 *   <li>no SRV either: the name's A/AAAA on the transport's default port (5060, 5061 for TLS).</li>
 * </ol>
 * SRV targets and A/AAAA names are asked of the configured servers (A before AAAA) and, when they
 * know none or when we use the system's servers, of the system resolver (hosts file included).
 * A failed query counts as "no records" and is not cached. Blocking; thread-safe.
 */
public final class TargetResolver {
    private static final Logger LOG = LoggerFactory.getLogger(TargetResolver.class);

    /** RFC 3261 section 19.1.2: 5060 for sip over UDP and TCP, 5061 for sips (TLS). */
    public static int defaultPort(Trunk.Transport t) {
        return t == Trunk.Transport.TLS ? 5061 : 5060;
    }

    /** RFC 3263 section 4.1 order when the server states no preference: TLS, then TCP, then UDP. */
    private static final List<Trunk.Transport> PREFERENCE = List.of(Trunk.Transport.TLS, Trunk.Transport.TCP,
            Trunk.Transport.UDP);

    /** NAPTR service field (RFC 3263 section 4.1, the IANA registry) to the transport it names. */
    private static final Map<String, Trunk.Transport> SERVICES = Map.of("SIPS+D2T", Trunk.Transport.TLS,
            "SIP+D2T", Trunk.Transport.TCP, "SIP+D2U", Trunk.Transport.UDP);

    private final DnsClient client;
    private final boolean systemForAddresses;
    private final DnsCache cache;
    private final RandomGenerator random;

    /**
     * @param client             asks NAPTR and SRV (and A/AAAA unless {@code systemForAddresses});
     *                           null: no NAPTR or SRV at all (A/AAAA from the system only)
     * @param systemForAddresses A/AAAA straight from the system resolver (the JVM's cache
     *                           applies), not from {@code client}
     * @param random             orders SRV records of equal priority by weight; thread-safe
     *                           ({@link java.util.Random}), seeded in tests
     */
    public TargetResolver(DnsClient client, boolean systemForAddresses, DnsCache cache, RandomGenerator random) {
        this.client = client;
        this.systemForAddresses = systemForAddresses || client == null;
        this.cache = cache;
        this.random = random;
    }

    /**
     * The targets of {@code host} in the order to try them, without duplicates; empty when the
     * name resolves to nothing.
     *
     * @param port    the trunk's port, or 0 when none is configured (then NAPTR and SRV are asked)
     * @param allowed transports the trunk may use; never empty
     */
    public List<SipTarget> resolve(String host, int port, Set<Trunk.Transport> allowed) {
        List<Trunk.Transport> transports = new ArrayList<>();
        for (Trunk.Transport t : PREFERENCE) {
            if (allowed.contains(t)) {
                transports.add(t);
            }
        }
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("no transport allowed");
        }
        Trunk.Transport first = transports.get(0);
        Map<String, SipTarget> out = new LinkedHashMap<>();
        if (Literals.isNumeric(host)) {
            try {
                InetAddress a = InetAddress.getByName(Literals.unbracketed(host)); // a literal: no lookup
                add(out, new SipTarget(a, port > 0 ? port : defaultPort(first), first, host, "numeric address"));
            } catch (UnknownHostException e) {
                // a malformed literal: no target
            }
            return List.copyOf(out.values());
        }
        if (port > 0) {
            for (InetAddress a : addresses(host)) {
                add(out, new SipTarget(a, port, first, host, "A/AAAA (explicit port)"));
            }
            return List.copyOf(out.values());
        }
        if (client != null) {
            for (ResourceRecord.Naptr n : naptr(host, allowed)) {
                Trunk.Transport t = SERVICES.get(n.service().toUpperCase(Locale.ROOT));
                srv(out, host, n.replacement(), t, "NAPTR " + n.service().toUpperCase(Locale.ROOT) + " -> ");
            }
            if (out.isEmpty()) {
                for (Trunk.Transport t : transports) {
                    srv(out, host, srvPrefix(t) + host, t, "");
                }
            }
        }
        if (out.isEmpty()) {
            for (InetAddress a : addresses(host)) {
                add(out, new SipTarget(a, defaultPort(first), first, host, "A/AAAA (no NAPTR or SRV)"));
            }
        }
        return List.copyOf(out.values());
    }

    /** {@code _sips._tcp.}, {@code _sip._tcp.} or {@code _sip._udp.} (RFC 3263 section 4.1). */
    public static String srvPrefix(Trunk.Transport t) {
        return switch (t) {
            case TLS -> "_sips._tcp.";
            case TCP -> "_sip._tcp.";
            case UDP -> "_sip._udp.";
        };
    }

    /** The usable NAPTR records of {@code host}, by order then preference. */
    List<ResourceRecord.Naptr> naptr(String host, Set<Trunk.Transport> allowed) {
        List<ResourceRecord.Naptr> usable = new ArrayList<>();
        for (ResourceRecord r : lookup(host, DnsWire.TYPE_NAPTR)) {
            ResourceRecord.Naptr n = (ResourceRecord.Naptr) r.data();
            Trunk.Transport t = SERVICES.get(n.service().toUpperCase(Locale.ROOT));
            // RFC 3263 section 4.1: the "S" flag, a replacement (SIP uses no regexp), a service we support
            if (t != null && allowed.contains(t) && n.flags().equalsIgnoreCase("s") && n.regexp().isEmpty()
                    && !n.replacement().isEmpty()) {
                usable.add(n);
            }
        }
        usable.sort(Comparator.comparingInt(ResourceRecord.Naptr::order)
                .thenComparingInt(ResourceRecord.Naptr::preference));
        return usable;
    }

    private void srv(Map<String, SipTarget> out, String host, String name, Trunk.Transport t, String how) {
        List<ResourceRecord.Srv> records = new ArrayList<>();
        for (ResourceRecord r : lookup(name, DnsWire.TYPE_SRV)) {
            records.add((ResourceRecord.Srv) r.data());
        }
        for (ResourceRecord.Srv s : SrvOrder.order(records, random)) {
            if (s.port() == 0) {
                continue;
            }
            for (InetAddress a : addresses(s.target())) {
                add(out, new SipTarget(a, s.port(), t, host, how + "SRV " + name + " -> " + s.target() + ":" + s.port()));
            }
        }
    }

    private static void add(Map<String, SipTarget> out, SipTarget t) {
        out.putIfAbsent(t.toString(), t);
    }

    /** A then AAAA of {@code name} from the configured servers, else from the system resolver. */
    List<InetAddress> addresses(String name) {
        List<InetAddress> out = new ArrayList<>();
        if (!systemForAddresses) {
            Set<InetAddress> seen = new HashSet<>();
            for (int type : new int[] {DnsWire.TYPE_A, DnsWire.TYPE_AAAA}) {
                for (ResourceRecord r : lookup(name, type)) {
                    if (seen.add((InetAddress) r.data())) {
                        out.add((InetAddress) r.data());
                    }
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        try {
            out.addAll(List.of(InetAddress.getAllByName(name)));
        } catch (UnknownHostException e) {
            LOG.debug("{} has no address", name);
        }
        return out;
    }

    /**
     * The records of {@code type} for {@code name}, following a CNAME chain in the answer
     * (RFC 1034 section 3.6.2), from the cache when fresh; an empty list for none or a failure.
     */
    List<ResourceRecord> lookup(String name, int type) {
        List<ResourceRecord> cached = cache.get(name, type);
        if (cached != null) {
            return cached;
        }
        DnsWire.Message m;
        try {
            m = client.query(name, type);
        } catch (IOException | IllegalArgumentException e) {
            LOG.info("DNS {} query for {} failed: {}", type, name, e.getMessage());
            return List.of();
        }
        Set<String> owners = new HashSet<>();
        owners.add(m.questionName());
        long ttl = Long.MAX_VALUE;
        List<ResourceRecord> kept = new ArrayList<>();
        for (ResourceRecord r : m.answers()) {
            if (!owners.contains(r.name()) || r.data() == null) {
                continue;
            }
            if (r.type() == DnsWire.TYPE_CNAME && type != DnsWire.TYPE_CNAME) {
                owners.add((String) r.data());
                ttl = Math.min(ttl, r.ttlSeconds());
            } else if (r.type() == type) {
                kept.add(r);
                ttl = Math.min(ttl, r.ttlSeconds());
            }
        }
        if (kept.isEmpty()) {
            ttl = 0;
            for (ResourceRecord r : m.authorities()) {
                if (r.type() == DnsWire.TYPE_SOA && r.data() instanceof ResourceRecord.Soa soa) {
                    ttl = Math.min(r.ttlSeconds(), soa.minimumSeconds()); // RFC 2308 section 5
                }
            }
        }
        cache.put(name, type, kept, ttl);
        return kept;
    }

    /** Transports a trunk of {@code t} allows: just its own (its Via and Contact are built for it). */
    public static Set<Trunk.Transport> allowedFor(Trunk.Transport t) {
        return EnumSet.of(t);
    }
}
