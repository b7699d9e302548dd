package org.voxgate.sip;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.voxgate.bridge.api.ConferenceOptions;

/**
 * Settings of the SIP gateway, built by the server from its configuration.
 *
 * @param bindAddress              address the UDP and TCP listening points bind to ("0.0.0.0",
 *                                 "127.0.0.1", an interface address)
 * @param advertisedHost           host written into Contact headers (the bind address unless
 *                                 behind NAT); never a wildcard address
 * @param udpPort                  SIP over UDP port, 1..65535 (default 5060)
 * @param tcpPort                  SIP over TCP port, 1..65535 (default 5060)
 * @param maxCalls                 calls accepted at once; the next INVITE gets 503 with
 *                                 Retry-After
 * @param sessionExpiresSeconds    session interval we ask for (RFC 4028 section 4), at least
 *                                 {@code minSessionExpiresSeconds} (default 1800)
 * @param minSessionExpiresSeconds smallest interval we accept (our Min-SE), at least 90, the
 *                                 RFC 4028 section 5 floor (default 90)
 * @param digitTimeout             IVR: longest pause between two digits of one entry (default 5 s)
 * @param ivrInputTimeout          IVR: silence after a prompt before the call is given up
 *                                 (default 10 s)
 * @param maxAttempts              IVR: wrong access codes or PINs before the call ends (default 3)
 * @param userAgent                value of our User-Agent and Server headers
 * @param tlsPort                  SIP over TLS port (RFC 3261 section 26.3.1), 1..65535, or 0 for
 *                                 no TLS listening point (default 0 here; the server's default
 *                                 is 5061). TLS 1.2 and 1.3 only. Only calls that came over TLS
 *                                 may use SDES-SRTP, and their Contact is a sips: URI
 * @param tls                      key and certificate chain of the TLS listening point; required
 *                                 when {@code tlsPort} is not 0, else null
 * @param conference               how meetings mix (null: the bridge's defaults)
 * @param localCallerNetworks      CIDR networks (IPv4 or IPv6) whose INVITEs are taken without a
 *                                 trunk, by the transport's peer address (default 127.0.0.0/8 and
 *                                 ::1/128: local softphones); null means the default, empty means none
 * @param realm                    realm of our Digest challenges to trunk callers; null means
 *                                 {@code advertisedHost}
 * @param digestAlgorithms         the algorithms we challenge with, one WWW-Authenticate each, in
 *                                 this order (RFC 8760 section 2.4: preferred first): "SHA-256",
 *                                 "MD5", "SHA-512-256". Null means SHA-256 then MD5. Some old UAs
 *                                 (SIPp 3.6, baresip 1.0) give up on the first challenge they cannot
 *                                 compute instead of skipping it; list only "MD5" for those
 * @param defence                  per-source rate limits, bans, scanner list, size limits and
 *                                 overload thresholds (null: {@link SipDefenceConfig#defaults()})
 */
public record SipConfig(String bindAddress, String advertisedHost, int udpPort, int tcpPort,
                        int maxCalls, int sessionExpiresSeconds, int minSessionExpiresSeconds,
                        Duration digitTimeout, Duration ivrInputTimeout, int maxAttempts,
                        String userAgent, int tlsPort, SipTls tls, ConferenceOptions conference,
                        List<String> localCallerNetworks, String realm, List<String> digestAlgorithms,
                        SipDefenceConfig defence) {

    /** SHA-256 preferred, MD5 for the many UAs that only know it. */
    public static final List<String> DEFAULT_DIGEST_ALGORITHMS = List.of("SHA-256", "MD5");

    /** Loopback only: softphones on this host, the zero-configuration demo. */
    public static final List<String> DEFAULT_LOCAL_CALLER_NETWORKS = List.of("127.0.0.0/8", "::1/128");

    /** RFC 4028 section 5: Min-SE MUST NOT be less than 90 seconds. */
    public static final int RFC4028_MIN_SE_FLOOR_SECONDS = 90;

    public SipConfig {
        Objects.requireNonNull(bindAddress, "bindAddress must not be null");
        Objects.requireNonNull(advertisedHost, "advertisedHost must not be null");
        Objects.requireNonNull(digitTimeout, "digitTimeout must not be null");
        Objects.requireNonNull(ivrInputTimeout, "ivrInputTimeout must not be null");
        Objects.requireNonNull(userAgent, "userAgent must not be null");
        if (conference == null) {
            conference = ConferenceOptions.defaults();
        }
        if (defence == null) {
            defence = SipDefenceConfig.defaults();
        }
        localCallerNetworks = localCallerNetworks == null ? DEFAULT_LOCAL_CALLER_NETWORKS
                : List.copyOf(localCallerNetworks);
        for (String n : localCallerNetworks) {
            org.voxgate.sip.internal.trunk.Cidr.parse(n); // IllegalArgumentException names the bad one
        }
        if (realm == null) {
            realm = advertisedHost;
        }
        digestAlgorithms = digestAlgorithms == null ? DEFAULT_DIGEST_ALGORITHMS : List.copyOf(digestAlgorithms);
        if (digestAlgorithms.isEmpty() || digestAlgorithms.size() != digestAlgorithms.stream().distinct().count()
                || digestAlgorithms.stream().anyMatch(a -> a == null
                || org.voxgate.sip.internal.digest.DigestAlgorithm.fromWire(a).isEmpty())) {
            throw new IllegalArgumentException("digestAlgorithms must list SHA-256, MD5 or SHA-512-256, each once, was "
                    + digestAlgorithms);
        }
        if (realm.isBlank() || realm.chars().anyMatch(c -> c < 0x21 || c > 0x7e || c == '"' || c == '\\')) {
            throw new IllegalArgumentException("realm must be printable ASCII without spaces, quotes or backslashes");
        }
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress must be an IP address or host name, was blank");
        }
        if (advertisedHost.isBlank() || advertisedHost.equals("0.0.0.0") || advertisedHost.equals("::")) {
            throw new IllegalArgumentException(
                    "advertisedHost must be a reachable host or address (not blank or a wildcard), was '"
                            + advertisedHost + "'");
        }
        checkPort("udpPort", udpPort);
        checkPort("tcpPort", tcpPort);
        if (tlsPort != 0) {
            checkPort("tlsPort", tlsPort);
            if (tls == null) {
                throw new IllegalArgumentException("tls (key and certificate) is required when tlsPort is " + tlsPort);
            }
        }
        if (maxCalls < 1) {
            throw new IllegalArgumentException("maxCalls must be at least 1, was " + maxCalls);
        }
        if (minSessionExpiresSeconds < RFC4028_MIN_SE_FLOOR_SECONDS) {
            throw new IllegalArgumentException("minSessionExpiresSeconds must be at least 90 (RFC 4028), was "
                    + minSessionExpiresSeconds);
        }
        if (sessionExpiresSeconds < minSessionExpiresSeconds) {
            throw new IllegalArgumentException("sessionExpiresSeconds must be at least minSessionExpiresSeconds ("
                    + minSessionExpiresSeconds + "), was " + sessionExpiresSeconds);
        }
        if (digitTimeout.isNegative() || digitTimeout.isZero()) {
            throw new IllegalArgumentException("digitTimeout must be positive, was " + digitTimeout);
        }
        if (ivrInputTimeout.isNegative() || ivrInputTimeout.isZero()) {
            throw new IllegalArgumentException("ivrInputTimeout must be positive, was " + ivrInputTimeout);
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be 1..10, was " + maxAttempts);
        }
        if (userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new IllegalArgumentException("userAgent must be non-blank printable ASCII, was '" + userAgent + "'");
        }
    }

    /** Settings with the default admission (loopback callers, realm = advertised host). */
    public SipConfig(String bindAddress, String advertisedHost, int udpPort, int tcpPort, int maxCalls,
                     int sessionExpiresSeconds, int minSessionExpiresSeconds, Duration digitTimeout,
                     Duration ivrInputTimeout, int maxAttempts, String userAgent, int tlsPort, SipTls tls,
                     ConferenceOptions conference) {
        this(bindAddress, advertisedHost, udpPort, tcpPort, maxCalls, sessionExpiresSeconds, minSessionExpiresSeconds,
                digitTimeout, ivrInputTimeout, maxAttempts, userAgent, tlsPort, tls, conference, null, null, null, null);
    }

    /** Settings without a TLS listening point. */
    public SipConfig(String bindAddress, String advertisedHost, int udpPort, int tcpPort, int maxCalls,
                     int sessionExpiresSeconds, int minSessionExpiresSeconds, Duration digitTimeout,
                     Duration ivrInputTimeout, int maxAttempts, String userAgent) {
        this(bindAddress, advertisedHost, udpPort, tcpPort, maxCalls, sessionExpiresSeconds, minSessionExpiresSeconds,
                digitTimeout, ivrInputTimeout, maxAttempts, userAgent, 0, null, null);
    }

    /** Settings with the bridge's default conference options. */
    public SipConfig(String bindAddress, String advertisedHost, int udpPort, int tcpPort, int maxCalls,
                     int sessionExpiresSeconds, int minSessionExpiresSeconds, Duration digitTimeout,
                     Duration ivrInputTimeout, int maxAttempts, String userAgent, int tlsPort, SipTls tls) {
        this(bindAddress, advertisedHost, udpPort, tcpPort, maxCalls, sessionExpiresSeconds, minSessionExpiresSeconds,
                digitTimeout, ivrInputTimeout, maxAttempts, userAgent, tlsPort, tls, null);
    }

    private static void checkPort(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 1..65535, was " + port);
        }
    }

    /** Defaults of every field but the addresses: ports 5060, 200 calls, 1800/90 s, 5 s, 10 s, 3. */
    public static SipConfig defaults(String bindAddress, String advertisedHost) {
        return new SipConfig(bindAddress, advertisedHost, 5060, 5060, 200, 1800, 90,
                Duration.ofSeconds(5), Duration.ofSeconds(10), 3, "Voxgate");
    }

    /** A copy listening on other ports. */
    public SipConfig withPorts(int udp, int tcp) {
        return new SipConfig(bindAddress, advertisedHost, udp, tcp, maxCalls, sessionExpiresSeconds,
                minSessionExpiresSeconds, digitTimeout, ivrInputTimeout, maxAttempts, userAgent, tlsPort, tls, conference,
                localCallerNetworks, realm, digestAlgorithms, defence);
    }

    /** A copy with a TLS listening point on {@code port} (0: none) with this identity. */
    public SipConfig withTls(int port, SipTls identity) {
        return new SipConfig(bindAddress, advertisedHost, udpPort, tcpPort, maxCalls, sessionExpiresSeconds,
                minSessionExpiresSeconds, digitTimeout, ivrInputTimeout, maxAttempts, userAgent, port, identity, conference,
                localCallerNetworks, realm, digestAlgorithms, defence);
    }

    /** A copy with another call limit. */
    public SipConfig withMaxCalls(int calls) {
        return new SipConfig(bindAddress, advertisedHost, udpPort, tcpPort, calls, sessionExpiresSeconds,
                minSessionExpiresSeconds, digitTimeout, ivrInputTimeout, maxAttempts, userAgent, tlsPort, tls, conference,
                localCallerNetworks, realm, digestAlgorithms, defence);
    }

    /** A copy with other session timer values. */
    public SipConfig withSessionTimer(int sessionExpires, int minSessionExpires) {
        return new SipConfig(bindAddress, advertisedHost, udpPort, tcpPort, maxCalls, sessionExpires,
                minSessionExpires, digitTimeout, ivrInputTimeout, maxAttempts, userAgent, tlsPort, tls, conference,
                localCallerNetworks, realm, digestAlgorithms, defence);
    }

    /** A copy with other IVR timeouts. */
    public SipConfig withIvrTimeouts(Duration digit, Duration input) {
        return new SipConfig(bindAddress, advertisedHost, udpPort, tcpPort, maxCalls, sessionExpiresSeconds,
                minSessionExpiresSeconds, digit, input, maxAttempts, userAgent, tlsPort, tls, conference,
                localCallerNetworks, realm, digestAlgorithms, defence);
    }

    /** A copy whose meetings mix with these options (mix-rate cap, ptime, talkers). */
    public SipConfig withConference(ConferenceOptions options) {
        return new SipConfig(bindAddress, advertisedHost, udpPort, tcpPort, maxCalls, sessionExpiresSeconds,
                minSessionExpiresSeconds, digitTimeout, ivrInputTimeout, maxAttempts, userAgent, tlsPort, tls,
                Objects.requireNonNull(options, "options"), localCallerNetworks, realm, digestAlgorithms, defence);
    }

    /**
     * A copy with other admission settings.
     *
     * @param networks CIDR networks taken without a trunk (empty: none; null: the default)
     * @param digestRealm realm of our challenges (null: the advertised host)
     */
    public SipConfig withAdmission(List<String> networks, String digestRealm) {
        return new SipConfig(bindAddress, advertisedHost, udpPort, tcpPort, maxCalls, sessionExpiresSeconds,
                minSessionExpiresSeconds, digitTimeout, ivrInputTimeout, maxAttempts, userAgent, tlsPort, tls, conference,
                networks, digestRealm, digestAlgorithms, defence);
    }

    /** A copy challenging with these algorithms, in this order (null: SHA-256, MD5). */
    public SipConfig withDigestAlgorithms(List<String> algorithms) {
        return new SipConfig(bindAddress, advertisedHost, udpPort, tcpPort, maxCalls, sessionExpiresSeconds,
                minSessionExpiresSeconds, digitTimeout, ivrInputTimeout, maxAttempts, userAgent, tlsPort, tls, conference,
                localCallerNetworks, realm, algorithms, defence);
    }

    /** A copy with other defence limits (rate, bans, trusted networks, sizes, overload). */
    public SipConfig withDefence(SipDefenceConfig limits) {
        return new SipConfig(bindAddress, advertisedHost, udpPort, tcpPort, maxCalls, sessionExpiresSeconds,
                minSessionExpiresSeconds, digitTimeout, ivrInputTimeout, maxAttempts, userAgent, tlsPort, tls, conference,
                localCallerNetworks, realm, digestAlgorithms, Objects.requireNonNull(limits, "limits"));
    }
}
