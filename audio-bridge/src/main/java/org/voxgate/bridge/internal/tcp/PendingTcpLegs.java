package org.voxgate.bridge.internal.tcp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The passive TCP legs waiting for their peer to connect to the shared port, and the rules that
 * give an incoming connection to one of them. Thread-safe (one lock; connections are rare).
 *
 * <p>Matching rules (also in the module README), for a connection from address A that speaks
 * TLS or not:
 * <ol>
 *   <li>Only legs whose offer asked for the same transport are candidates: TCP/TLS/RTP/AVP legs
 *       take TLS connections only, TCP/RTP/AVP and TCP/RTP/SAVP legs plain ones only.</li>
 *   <li>At accept (after the TLS handshake): when exactly one candidate has c= address A and
 *       that leg's offer carried no a=ssrc, the connection is its.</li>
 *   <li>Otherwise at each packet until matched, by the SSRC of the packet (RTP bytes 8-11, RTCP
 *       sender SSRC bytes 4-7; in the clear in SRTP too): a candidate whose a=ssrc lists it,
 *       preferring one with c= address A; a candidate with a=ssrc does not need c= to equal A
 *       (this is what lets a client behind NAT, whose c= shows a private address, be matched).</li>
 *   <li>Else the oldest candidate with c= address A and no a=ssrc.</li>
 *   <li>Else nothing: the packet is dropped, and the connection is closed when nothing matched
 *       within the match timeout.</li>
 * </ol>
 * A matched leg leaves this registry: a second connection for it needs a new offer.
 */
public final class PendingTcpLegs {
    private final List<TcpMediaLink> pending = new ArrayList<>();

    public synchronized void add(TcpMediaLink link) {
        if (!pending.contains(link)) {
            pending.add(link);
        }
    }

    public synchronized void remove(TcpMediaLink link) {
        pending.remove(link);
    }

    public synchronized int size() {
        return pending.size();
    }

    /** Rule 2: the one unambiguous leg for a connection from {@code from}, taken out, or null. */
    public synchronized TcpMediaLink matchOnAccept(InetAddress from, boolean tls) {
        TcpMediaLink only = null;
        for (TcpMediaLink l : pending) {
            if (l.tls() == tls && from.equals(l.expectedAddress())) {
                if (only != null || l.hasSsrcs()) {
                    return null;
                }
                only = l;
            }
        }
        if (only != null) {
            pending.remove(only);
        }
        return only;
    }

    /** Rules 3 and 4 for a packet with {@code ssrc} (-1: none readable), taken out, or null. */
    public synchronized TcpMediaLink matchOnPacket(InetAddress from, boolean tls, long ssrc) {
        TcpMediaLink bySsrc = null;
        TcpMediaLink byAddress = null;
        for (TcpMediaLink l : pending) {
            if (l.tls() != tls) {
                continue;
            }
            boolean sameAddress = from.equals(l.expectedAddress());
            if (ssrc >= 0 && l.announces(ssrc)) {
                if (bySsrc == null || (sameAddress && !from.equals(bySsrc.expectedAddress()))) {
                    bySsrc = l;
                }
            } else if (sameAddress && !l.hasSsrcs() && (byAddress == null || l.order() < byAddress.order())) {
                byAddress = l;
            }
        }
        TcpMediaLink chosen = bySsrc != null ? bySsrc : byAddress;
        if (chosen != null) {
            pending.remove(chosen);
        }
        return chosen;
    }
}
