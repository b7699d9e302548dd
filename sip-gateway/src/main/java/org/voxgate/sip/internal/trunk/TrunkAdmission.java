package org.voxgate.sip.internal.trunk;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.SecurityReason;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.TrunkDirectory;
import org.voxgate.sip.internal.digest.DigestAlgorithm;
import org.voxgate.sip.internal.digest.DigestChallenge;
import org.voxgate.sip.internal.digest.DigestCredentials;

/**
 * Decides whom a new INVITE belongs to, by the transport's peer address (never Via, which the
 * sender writes) and Digest credentials:
 *
 * <pre>
 *  source in localCallerNetworks ─────────────────────────────► LOCAL
 *  source in an enabled inbound trunk's inboundCidrs ─────────► TRUNK (most specific network)
 *  Authorization for our realm, and digest trunks exist:
 *     nonce replayed (nc not above the last) ─────────────────► FORBIDDEN NONCE_REPLAY
 *     response verifies for a trunk's user and password:
 *         nonce stale or not ours ────────────────────────────► CHALLENGE stale=TRUE
 *         trunk disabled or outbound-only ────────────────────► FORBIDDEN UNKNOWN_SOURCE
 *         otherwise ──────────────────────────────────────────► TRUNK
 *     otherwise (wrong password and unknown user alike) ──────► FORBIDDEN AUTH_FAILED
 *  source in a disabled or outbound-only trunk's networks ────► FORBIDDEN UNKNOWN_SOURCE
 *  some enabled inbound trunk has credentials ────────────────► CHALLENGE (SHA-256, then MD5 by default)
 *  otherwise ─────────────────────────────────────────────────► FORBIDDEN UNKNOWN_SOURCE
 * </pre>
 *
 * The CIDR tables are rebuilt only when {@link TrunkDirectory#version()} changes. Thread-safe.
 */
public final class TrunkAdmission {
    private static final Logger LOG = LoggerFactory.getLogger(TrunkAdmission.class);

    private final CidrTable<Boolean> local;
    private final TrunkDirectory directory;
    private final NonceService nonces;
    private final String realm;
    private final String dummyPassword;
    /** RFC 8760 section 2.4: the challenges we send, preferred first. */
    private final List<DigestAlgorithm> offered;
    private volatile Tables tables = new Tables(Long.MIN_VALUE, CidrTable.<Trunk>builder().build(),
            CidrTable.<Trunk>builder().build(), List.of());

    /** The derived state of one {@link TrunkDirectory#version()}. */
    private record Tables(long version, CidrTable<Trunk> open, CidrTable<Trunk> closed, List<Trunk> withCredentials) {}

    /**
     * @param localCallerNetworks CIDR networks admitted without a trunk
     * @param realm               the realm of our challenges
     * @param offered             the algorithms we challenge with, preferred first; never empty
     * @throws IllegalArgumentException for a malformed network
     */
    public TrunkAdmission(List<String> localCallerNetworks, TrunkDirectory directory, NonceService nonces, String realm,
                          List<DigestAlgorithm> offered) {
        if (offered.isEmpty()) {
            throw new IllegalArgumentException("no digest algorithm to offer");
        }
        this.offered = List.copyOf(offered);
        CidrTable.Builder<Boolean> b = CidrTable.builder();
        for (String n : localCallerNetworks) {
            b.add(Cidr.parse(n), Boolean.TRUE);
        }
        this.local = b.build();
        this.directory = directory;
        this.nonces = nonces;
        this.realm = realm;
        byte[] r = new byte[16];
        new SecureRandom().nextBytes(r);
        this.dummyPassword = java.util.HexFormat.of().formatHex(r);
    }

    public String realm() {
        return realm;
    }

    /**
     * @param source         the transport's peer address
     * @param requestUri     the INVITE's Request-URI as text
     * @param authorizations the values of every Authorization header (may be empty)
     */
    public Admission admit(InetAddress source, String requestUri, List<String> authorizations) {
        if (local.match(source).isPresent()) {
            return Admission.local();
        }
        Tables t = tables();
        Optional<Trunk> byAddress = t.open().match(source);
        if (byAddress.isPresent()) {
            return Admission.trunk(byAddress.get());
        }
        if (!t.withCredentials().isEmpty()) {
            Optional<DigestCredentials> creds = ours(authorizations);
            if (creds.isPresent()) {
                return digest(creds.get(), requestUri, t);
            }
        }
        Optional<Trunk> closed = t.closed().match(source);
        if (closed.isPresent()) {
            return Admission.forbidden(SecurityReason.UNKNOWN_SOURCE,
                    "trunk " + closed.get().id() + (closed.get().enabled() ? " is outbound-only" : " is disabled"), false);
        }
        if (t.withCredentials().stream().anyMatch(x -> x.enabled() && x.inbound())) {
            return challenge(false, "no credentials");
        }
        return Admission.forbidden(SecurityReason.UNKNOWN_SOURCE, "no trunk or local network matches", false);
    }

    private Admission challenge(boolean stale, String detail) {
        String nonce = nonces.issue();
        List<String> values = new ArrayList<>(offered.size());
        for (DigestAlgorithm a : offered) {
            values.add(DigestChallenge.issue(realm, nonce, a, stale).toHeaderValue());
        }
        return Admission.challenge(values, detail);
    }

    /** The first Authorization that parses and names our realm. */
    private Optional<DigestCredentials> ours(List<String> authorizations) {
        for (String a : authorizations) {
            Optional<DigestCredentials> c = DigestCredentials.parse(a);
            if (c.isPresent() && c.get().realm().equals(realm)) {
                return c;
            }
        }
        return Optional.empty();
    }

    private Admission digest(DigestCredentials c, String requestUri, Tables t) {
        long nc = c.nc() == null ? 1 : Long.parseLong(c.nc(), 16);
        NonceService.Status status = nonces.check(c.nonce(), nc);
        if (status == NonceService.Status.REPLAY) {
            return Admission.forbidden(SecurityReason.NONCE_REPLAY, "nc " + c.nc() + " already used", false);
        }
        // unknown users are checked against a random password: the same work, the same answer
        Trunk match = null;
        boolean any = false;
        for (Trunk tr : t.withCredentials()) {
            Trunk.Credentials tc = tr.inboundCredentials();
            if (tc.username().equals(c.username()) && (tc.realm() == null || tc.realm().equals(realm))) {
                any = true;
                if (match == null && c.verify(tc.password(), "INVITE")) {
                    match = tr;
                }
            }
        }
        if (!any) {
            c.verify(dummyPassword, "INVITE");
        }
        if (match == null || !sameUri(c.uri(), requestUri)) {
            return Admission.forbidden(SecurityReason.AUTH_FAILED, "digest response did not verify", true);
        }
        if (status != NonceService.Status.FRESH) {
            return challenge(true, "nonce " + status.name().toLowerCase(Locale.ROOT));
        }
        if (!match.enabled() || !match.inbound()) {
            return Admission.forbidden(SecurityReason.UNKNOWN_SOURCE,
                    "trunk " + match.id() + (match.enabled() ? " is outbound-only" : " is disabled"), false);
        }
        NonceService.Status committed = nonces.commit(c.nonce(), nc);
        if (committed == NonceService.Status.REPLAY) {
            return Admission.forbidden(SecurityReason.NONCE_REPLAY, "nc " + c.nc() + " already used", false);
        }
        if (committed == NonceService.Status.STALE) {
            return challenge(true, "nonce forgotten");
        }
        return Admission.trunk(match);
    }

    /** RFC 7616 section 3.4.6: the digest-uri must name the Request-URI (parameters aside). */
    static boolean sameUri(String digestUri, String requestUri) {
        return stripParams(digestUri).equalsIgnoreCase(stripParams(requestUri));
    }

    private static String stripParams(String uri) {
        String u = uri == null ? "" : uri.strip();
        int semi = u.indexOf(';');
        return semi < 0 ? u : u.substring(0, semi);
    }

    private Tables tables() {
        Tables t = tables;
        long v = directory.version();
        if (t.version() == v) {
            return t;
        }
        synchronized (this) {
            t = tables;
            if (t.version() == v) {
                return t;
            }
            t = build(v, directory.trunks());
            tables = t;
            return t;
        }
    }

    private static Tables build(long version, List<Trunk> trunks) {
        CidrTable.Builder<Trunk> open = CidrTable.builder();
        CidrTable.Builder<Trunk> closed = CidrTable.builder();
        List<Trunk> creds = new ArrayList<>();
        for (Trunk t : trunks) {
            boolean takes = t.enabled() && t.inbound();
            for (String n : t.inboundCidrs()) {
                try {
                    (takes ? open : closed).add(Cidr.parse(n), t);
                } catch (IllegalArgumentException e) {
                    LOG.warn("trunk {}: ignoring network {}", t.id(), e.getMessage());
                }
            }
            if (t.inboundCredentials() != null) {
                creds.add(t);
            }
        }
        LOG.debug("trunk tables rebuilt at version {}: {} trunks", version, trunks.size());
        return new Tables(version, open.build(), closed.build(), List.copyOf(creds));
    }
}
