package org.voxgate.bridge.internal.srtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

import org.voxgate.bridge.api.SdpException;
import org.voxgate.bridge.internal.sdp.MediaDescription;
import org.voxgate.bridge.internal.sdp.SessionDescription;
import org.voxgate.srtp.DtlsCertificate;
import org.voxgate.srtp.DtlsSrtpConfig;

/**
 * DTLS-SRTP (RFC 5763, RFC 5764) for one leg's audio stream, answerer side. Called under the
 * leg's monitor, except {@link #onDatagram} (event loop).
 *
 * <p>Roles (RFC 5763 section 5, RFC 4145 section 4.1): an offer with a=setup:actpass or active
 * makes us passive (the DTLS server), one with passive makes us active; an offer without
 * a=setup counts as active. holdconn is refused. RFC 5763 recommends active for the answerer
 * (the handshake can start one round trip earlier); we answer actpass with passive because as
 * server we pick the cipher suite from the client's offer, so peers with RSA certificates
 * (baresip, libre) can connect to our ECDSA-only DTLS stack, while as client we would need the
 * peer to hold an ECDSA certificate.
 * Only sha-256 fingerprints are taken (RFC 8122 section 5 lets us pick; the srtp module checks
 * the certificate against it). A re-offer with the same fingerprint, role and address keeps the
 * running session; anything else starts a new handshake.
 *
 * <p>DTLS datagrams are taken only from the address in SDP or the one media is latched to;
 * others are ignored.
 */
public final class DtlsNegotiation {
    private final DtlsIdentity identity;
    private final DtlsLink link;
    private final LegSrtp srtp;
    private final int handshakeTimeoutMillis;
    private volatile DtlsHandshakeRunner running;
    private String remoteFingerprint;
    private boolean client;
    private InetSocketAddress peer;

    public DtlsNegotiation(DtlsIdentity identity, DtlsLink link, LegSrtp srtp, int handshakeTimeoutMillis) {
        this.identity = Objects.requireNonNull(identity);
        this.link = Objects.requireNonNull(link);
        this.srtp = Objects.requireNonNull(srtp);
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    /** Whether the offer's stream {@code m} can be answered with DTLS-SRTP; null when it can. */
    SdpException refusal(MediaDescription m, SessionDescription sd) {
        String fingerprint = sd.fingerprintFor(m);
        if (fingerprint == null) {
            return new SdpException(306, false, "UDP/TLS/RTP/SAVP offered without a=fingerprint (RFC 5763 section 5)");
        }
        if (!fingerprint.toLowerCase(Locale.ROOT).startsWith("sha-256 ")) {
            return new SdpException(306, false, "only sha-256 fingerprints are accepted, offered "
                    + fingerprint.split(" ", 2)[0]);
        }
        String setup = setupOf(m, sd);
        if (!setup.equals("actpass") && !setup.equals("active") && !setup.equals("passive")) {
            return new SdpException(306, false, "a=setup:" + setup + " cannot be answered");
        }
        return null;
    }

    /** Starts (or keeps) the handshake and returns our a=fingerprint and a=setup lines. */
    List<String> answer(MediaDescription m, SessionDescription sd) {
        String fingerprint = sd.fingerprintFor(m);
        boolean weAreClient = setupOf(m, sd).equals("passive");
        InetAddress address = sd.connectionFor(m);
        InetSocketAddress signalled = address == null || address.isAnyLocalAddress() || m.port() == 0 ? null
                : new InetSocketAddress(address, m.port());
        boolean same = running != null && DtlsCertificate.fingerprintsMatch(fingerprint, remoteFingerprint)
                && weAreClient == client && Objects.equals(signalled, peer);
        DtlsCertificate certificate = identity.certificate();
        if (!same) {
            stop();
            remoteFingerprint = fingerprint;
            client = weAreClient;
            peer = signalled;
            srtp.pending();
            InetSocketAddress p = signalled;
            Predicate<InetSocketAddress> validated = from -> from.equals(p) || from.equals(link.currentTarget());
            DtlsSrtpConfig config = new DtlsSrtpConfig(certificate, fingerprint, DtlsSrtpConfig.DEFAULT_PROFILES,
                    weAreClient ? signalled : null, validated, handshakeTimeoutMillis);
            if (weAreClient && signalled == null) {
                // Nowhere to send the ClientHello (held with 0.0.0.0): wait for a re-offer.
                running = null;
            } else {
                DtlsHandshakeRunner r = new DtlsHandshakeRunner(config, weAreClient, link, srtp);
                running = r;
                r.start();
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(certificate.fingerprintAttribute());
        lines.add("a=setup:" + (client ? "active" : "passive"));
        return lines;
    }

    /**
     * A datagram whose first byte is 20..63 (RFC 7983 section 7), on the event loop.
     *
     * @return false when no handshake wants it or its source is not validated
     */
    public boolean onDatagram(byte[] buf, int length, InetSocketAddress from) {
        DtlsHandshakeRunner r = running;
        return r != null && r.offer(buf, length, from);
    }

    /** Stops the handshake or closes the session (close_notify). */
    void stop() {
        DtlsHandshakeRunner r = running;
        running = null;
        remoteFingerprint = null;
        peer = null;
        if (r != null) {
            r.cancel();
        }
    }

    private static String setupOf(MediaDescription m, SessionDescription sd) {
        String s = sd.setupFor(m);
        return s == null ? "active" : s.trim().toLowerCase(Locale.ROOT);
    }
}
