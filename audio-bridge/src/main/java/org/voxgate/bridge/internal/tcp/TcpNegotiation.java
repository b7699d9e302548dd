package org.voxgate.bridge.internal.tcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.voxgate.bridge.api.SdpException;
import org.voxgate.bridge.internal.sdp.MediaDescription;
import org.voxgate.bridge.internal.sdp.MediaProtocol;
import org.voxgate.bridge.internal.sdp.SessionDescription;
import org.voxgate.bridge.internal.sdp.StreamTransport;

/**
 * The TCP side of one leg's offer/answer: which TCP offers can be answered, the answer's port and
 * a=setup / a=connection / a=fingerprint lines, and the {@link TcpMediaLink} of the session.
 * Called by the negotiator under the leg's monitor.
 *
 * <p>Roles (RFC 4145 section 4.1): an offer with a=setup:active or actpass (or none: active is the
 * default) makes us passive: we answer our shared port and wait for the peer to connect; an offer
 * with a=setup:passive makes us active: we answer port 9 (section 4: "the port number ... SHOULD
 * be 9, the discard port") and connect to the offer's address and port. holdconn is refused (306),
 * as is an active role over TLS (302; the bridge does not open TLS connections, so it never has
 * to check a peer's certificate against its a=fingerprint).
 *
 * <p>a=connection (RFC 4145 section 5): a re-offer with a=connection:existing for the same
 * transport and role keeps the link and its connection, and the answer says existing; anything
 * else makes a new link (the old connection closes) and the answer says new.
 */
public final class TcpNegotiation implements StreamTransport {
    /** RFC 4145 section 4: the port of an active endpoint in SDP. */
    static final int DISCARD_PORT = 9;

    private final String legId;
    private final TcpMediaServer server;
    private final Supplier<Executor> legLoop;
    private final TcpMediaLink.Receiver receiver;
    private final int maxPacketBytes;
    private volatile TcpMediaLink link;

    /**
     * @param server   the bridge's TCP media port, or null when TCP media is off (every TCP
     *                 offer is then refused with 302)
     * @param legLoop  the leg's event loop (known once its sockets are bound)
     */
    public TcpNegotiation(String legId, TcpMediaServer server, Supplier<Executor> legLoop,
                          TcpMediaLink.Receiver receiver, int maxPacketBytes) {
        this.legId = legId;
        this.server = server;
        this.legLoop = legLoop;
        this.receiver = receiver;
        this.maxPacketBytes = maxPacketBytes;
    }

    /** The link of the current TCP session, or null when the leg's media runs over UDP. */
    public TcpMediaLink link() {
        return link;
    }

    private static String setupOf(MediaDescription m, SessionDescription sd) {
        String s = sd.setupFor(m);
        return s == null ? "active" : s.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public SdpException refusal(MediaDescription m, SessionDescription sd) {
        MediaProtocol proto = MediaProtocol.of(m.proto());
        if (server == null) {
            return StreamTransport.UDP_ONLY.refusal(m, sd);
        }
        if (proto.tls() && !server.tlsEnabled()) {
            return new SdpException(302, false, m.proto() + " refused: no TLS certificate configured for media");
        }
        String setup = setupOf(m, sd);
        switch (setup) {
            case "active", "actpass" -> {
                return null;
            }
            case "passive" -> {
                if (proto.tls()) {
                    return new SdpException(302, false, m.proto()
                            + " with a=setup:passive refused: this bridge only accepts TLS media connections;"
                            + " offer a=setup:actpass or active");
                }
                InetAddress a = sd.connectionFor(m);
                if (a == null || a.isAnyLocalAddress() || m.port() == DISCARD_PORT) {
                    return new SdpException(306, false, "a=setup:passive needs the address and port to connect to");
                }
                return null;
            }
            default -> {
                return new SdpException(306, false, "a=setup:" + setup + " not supported; offer active, actpass or passive");
            }
        }
    }

    @Override
    public Answer answer(MediaDescription m, SessionDescription sd) {
        MediaProtocol proto = MediaProtocol.of(m.proto());
        TcpMediaLink old = link;
        if (!proto.tcp() || server == null) {
            end(old);
            return Answer.UDP;
        }
        TcpMediaLink.Role role = "passive".equals(setupOf(m, sd)) ? TcpMediaLink.Role.ACTIVE : TcpMediaLink.Role.PASSIVE;
        InetAddress address = sd.connectionFor(m);
        boolean keep = old != null && !old.isClosed() && "existing".equalsIgnoreCase(m.connectionAttribute())
                && old.role() == role && old.tls() == proto.tls();
        if (!keep) {
            end(old);
            InetSocketAddress target = role == TcpMediaLink.Role.ACTIVE ? new InetSocketAddress(address, m.port()) : null;
            TcpMediaLink fresh = new TcpMediaLink(legId, role, proto.tls(), address, m.ssrcs(), target, legLoop.get(),
                    receiver, maxPacketBytes);
            link = fresh;
            if (role == TcpMediaLink.Role.PASSIVE) {
                server.listenFor(fresh);
            } else {
                server.connect(fresh);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("a=setup:" + (role == TcpMediaLink.Role.PASSIVE ? "passive" : "active"));
        lines.add("a=connection:" + (keep ? "existing" : "new"));
        if (proto.tls()) {
            lines.add("a=fingerprint:" + server.fingerprint());
        }
        return new Answer(role == TcpMediaLink.Role.PASSIVE ? server.port() : DISCARD_PORT, true, lines);
    }

    private void end(TcpMediaLink l) {
        if (l != null) {
            server.forget(l);
            l.close();
        }
        if (link == l) {
            link = null;
        }
    }

    /** Ends the TCP session (the leg closed). Idempotent. */
    public void close() {
        TcpMediaLink l = link;
        if (l != null && server != null) {
            end(l);
        }
    }
}
