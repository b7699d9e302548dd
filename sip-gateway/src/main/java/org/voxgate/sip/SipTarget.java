package org.voxgate.sip;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One place to send a trunk's requests, as RFC 3263 section 4 locates it: an address, a port and
 * a transport. Dial-out and registration try a trunk's targets in order and move to the next on
 * a timeout, a transport error or a 503.
 *
 * @param address   where to send (already resolved; the caller still checks it may, SSRF)
 * @param port      the port, 1..65535
 * @param transport the transport
 * @param host      the trunk host it was located from: the name a TLS certificate must carry
 *                  (RFC 5922 section 4) and the one logs name
 * @param via       how it was found, for people: "NAPTR SIP+D2U -> SRV _sip._udp.example.com ->
 *                  sip1.example.com:5060", "A/AAAA (explicit port)", "numeric address"
 */
public record SipTarget(InetAddress address, int port, Trunk.Transport transport, String host, String via) {
    public SipTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(via, "via");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port);
        }
    }

    /** "192.0.2.1:5060/udp", "[2001:db8::1]:5061/tls". */
    @Override
    public String toString() {
        String a = address.getHostAddress();
        return (a.indexOf(':') >= 0 ? "[" + a + "]" : a) + ":" + port + "/" + transport.wire();
    }
}
