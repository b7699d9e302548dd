package org.voxgate.sip;

import java.util.List;
import java.util.Objects;

/**
 * One SIP trunk as the gateway sees it: where a carrier's calls come from, how they
 * authenticate, where we register and send calls, and the trunk's limits and policies. The
 * server builds these from its store (secrets already decrypted); the gateway never persists
 * them. Immutable.
 *
 * @param id                 stable id (the store's row id); labels, CDRs and logs use it
 * @param accountId          the tenant that owns the trunk
 * @param name               the admin's name for it
 * @param direction          which way calls may go
 * @param hosts              the carrier's hosts (names or literals), in failover order; never empty
 * @param port               the carrier's SIP port, or 0 for none: then the hosts' NAPTR and SRV
 *                           records say where (RFC 3263 section 4.1), see {@link SipLocator}
 * @param transport          how we reach the carrier
 * @param inboundCidrs       source networks whose INVITEs belong to this trunk ("192.0.2.0/24", "2001:db8::1/128")
 * @param inboundCredentials digest credentials a caller may prove instead of (or besides) its address; null for none
 * @param registration       outbound registration to the carrier; null for none
 * @param codecs             codec preference, best first ("opus", "G722", "PCMU", "PCMA"); never empty
 * @param maxChannels        concurrent calls in both directions together
 * @param maxCallsPerSecond  new calls per second in both directions together
 * @param srtpPolicy         what media protection the trunk asks for
 * @param callerIdPolicy     how caller identity is taken (inbound) and presented (outbound)
 * @param dialOutPrefixes    E.164 prefixes ("+44", "+1212") that dial-out may call through this trunk;
 *                           empty: no dial-out at all (no open relay)
 * @param enabled            a disabled trunk refuses new calls and keeps the current ones
 */
public record Trunk(String id, String accountId, String name, Direction direction, List<String> hosts, int port,
                    Transport transport, List<String> inboundCidrs, Credentials inboundCredentials,
                    Registration registration, List<String> codecs, int maxChannels, int maxCallsPerSecond,
                    SrtpPolicy srtpPolicy, CallerIdPolicy callerIdPolicy, List<String> dialOutPrefixes,
                    boolean enabled) {

    public Trunk {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(srtpPolicy, "srtpPolicy");
        Objects.requireNonNull(callerIdPolicy, "callerIdPolicy");
        hosts = List.copyOf(hosts);
        inboundCidrs = List.copyOf(inboundCidrs);
        codecs = List.copyOf(codecs);
        dialOutPrefixes = List.copyOf(dialOutPrefixes);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a trunk needs at least one host");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port);
        }
        if (maxChannels < 1 || maxCallsPerSecond < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** Whether dial-out may call {@code e164} ("+" and digits) through this trunk. */
    public boolean allowsDestination(String e164) {
        if (!outbound() || e164 == null || !e164.matches("\\+[1-9][0-9]{1,14}")) {
            return false;
        }
        for (String p : dialOutPrefixes) {
            if (e164.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the trunk takes calls from the carrier. */
    public boolean inbound() {
        return direction != Direction.OUTBOUND;
    }

    /** Whether we may place calls through the trunk. */
    public boolean outbound() {
        return direction != Direction.INBOUND;
    }

    public enum Direction { INBOUND, OUTBOUND, BOTH }

    public enum Transport {
        UDP, TCP, TLS;

        /** The transport parameter value ("udp", "tcp", "tls"). */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** OFF: plain RTP only; OPTIONAL: SRTP when the peer offers or accepts it; REQUIRED: SRTP or no call. */
    public enum SrtpPolicy { OFF, OPTIONAL, REQUIRED }

    /**
     * PASSTHROUGH: inbound From is shown as is, outbound From carries the meeting's number;
     * ASSERTED_ONLY: inbound identity only from P-Asserted-Identity of a trusted trunk (RFC 3325);
     * ANONYMOUS: outbound calls withhold identity (Privacy: id, anonymous From).
     */
    public enum CallerIdPolicy { PASSTHROUGH, ASSERTED_ONLY, ANONYMOUS }

    /**
     * Digest credentials. {@code toString} never shows the password.
     *
     * @param realm null: the gateway's own realm (inbound) or whatever the carrier's challenge names (outbound)
     */
    public record Credentials(String username, String password, String realm) {
        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", realm=" + realm + "]";
        }
    }

    /**
     * Outbound registration: REGISTER to the trunk's hosts with these credentials.
     *
     * @param expirySeconds the expiry we ask for (the registrar may lower it)
     */
    public record Registration(Credentials credentials, int expirySeconds) {
        public Registration {
            Objects.requireNonNull(credentials, "credentials");
            if (expirySeconds < 60) {
                throw new IllegalArgumentException("expirySeconds " + expirySeconds);
            }
        }
    }
}
