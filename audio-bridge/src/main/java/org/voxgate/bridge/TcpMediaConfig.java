package org.voxgate.bridge;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * RTP over TCP (RFC 4571 framing, RFC 4145 a=setup, RFC 7850 TCP/TLS/RTP/AVP): one listening
 * TCP port shared by every TCP leg, optionally also speaking TLS on the same port (a connection
 * whose first byte is a TLS handshake record, 22, gets TLS; anything else is plain RFC 4571).
 *
 * @param enabled           whether the bridge listens and answers TCP offers; off by default
 *                          ({@link #DISABLED}): TCP offers are then refused with warn-code 302
 * @param port              the listening port (bound on {@code BridgeConfig.bindAddress}); 0
 *                          picks an ephemeral port (tests). 443 lets clients behind networks
 *                          that only allow outbound TCP/443 reach media; binding it needs the
 *                          right to bind low ports
 * @param tls               server certificate and key for TCP/TLS/RTP/AVP (TLS 1.2 or 1.3), or
 *                          null for plain TCP only
 * @param matchTimeout      how long an accepted connection may stay unmatched to a leg before
 *                          it is closed and counted (also the active side's connect budget)
 * @param sendQueuePackets  packets queued per connection towards a slow client; beyond that the
 *                          newest are dropped and counted, the mixer never waits
 */
public record TcpMediaConfig(boolean enabled, int port, Tls tls, Duration matchTimeout, int sendQueuePackets) {

    /** TCP media off. */
    public static final TcpMediaConfig DISABLED = new TcpMediaConfig(false, 0, null, Duration.ofSeconds(5), 32);

    /**
     * The TLS server identity handed in by the caller.
     *
     * @param key   private key of {@code chain[0]}
     * @param chain the certificate chain, leaf first; its SHA-256 fingerprint is sent in
     *              a=fingerprint (RFC 8122 section 5)
     */
    public record Tls(PrivateKey key, List<X509Certificate> chain) {
        public Tls {
            Objects.requireNonNull(key, "key");
            chain = List.copyOf(chain);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("TLS certificate chain is empty");
            }
        }

        /** Names the certificate only: the key never reaches a log. */
        @Override
        public String toString() {
            return "Tls[" + chain.get(0).getSubjectX500Principal().getName() + ", key hidden]";
        }
    }

    public TcpMediaConfig {
        Objects.requireNonNull(matchTimeout, "matchTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("TCP media port must be 0..65535: " + port);
        }
        if (sendQueuePackets < 1 || sendQueuePackets > 1024) {
            throw new IllegalArgumentException("sendQueuePackets must be 1..1024: " + sendQueuePackets);
        }
        if (matchTimeout.isNegative() || matchTimeout.isZero()) {
            throw new IllegalArgumentException("matchTimeout must be positive");
        }
    }

    /** TCP media on {@code port} (0: ephemeral), plain only, 5 s match timeout, 32 queued packets. */
    public static TcpMediaConfig on(int port) {
        return new TcpMediaConfig(true, port, null, Duration.ofSeconds(5), 32);
    }

    /** A copy that also speaks TLS on the port. */
    public TcpMediaConfig withTls(Tls identity) {
        return new TcpMediaConfig(enabled, port, Objects.requireNonNull(identity), matchTimeout, sendQueuePackets);
    }

    /** A copy with another match timeout. */
    public TcpMediaConfig withMatchTimeout(Duration timeout) {
        return new TcpMediaConfig(enabled, port, tls, timeout, sendQueuePackets);
    }

    /** A copy with another per-connection send queue. */
    public TcpMediaConfig withSendQueuePackets(int packets) {
        return new TcpMediaConfig(enabled, port, tls, matchTimeout, packets);
    }
}
