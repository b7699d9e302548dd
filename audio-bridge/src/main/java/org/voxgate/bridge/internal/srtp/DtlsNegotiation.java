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
 * <p>Components (RFC 5764 section 4.1): RTP and RTCP run on separate ports here (we do not
 * answer a=rtcp-mux), so each port has its own handshake, in the same role, and its own keys:
 * the RTP port's protect SRTP, the RTCP port's SRTCP. A peer that never starts the RTCP
 * handshake loses RTCP only; a failure of either handshake for any other reason ends the media.
 *
 * <p>DTLS datagrams are taken only from the address in SDP or the one media is latched to (per
 * port); others are ignored.
 */
public final class DtlsNegotiation {
    private final DtlsIdentity identity;
    private final DtlsLink link;
    private final LegSrtp srtp;
    private final int handshakeTimeoutMillis;
    private volatile DtlsHandshakeRunner running;
    private volatile DtlsHandshakeRunner runningRtcp;
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
            if (weAreClient && signalled == null) {
                // Nowhere to send the ClientHello (held with 0.0.0.0): wait for a re-offer.
                return answerLines(certificate);
            }
            InetSocketAddress signalledRtcp = signalled == null ? null : new InetSocketAddress(
                    m.rtcpAddress() != null ? m.rtcpAddress() : signalled.getAddress(),
                    m.rtcpPort() > 0 ? m.rtcpPort() : Math.min(65535, signalled.getPort() + 1));
            running = start(certificate, fingerprint, weAreClient, signalled, DtlsHandshakeRunner.Component.RTP);
            runningRtcp = start(certificate, fingerprint, weAreClient, signalledRtcp, DtlsHandshakeRunner.Component.RTCP);
        }
        return answerLines(certificate);
    }

    private DtlsHandshakeRunner start(DtlsCertificate certificate, String fingerprint, boolean weAreClient,
                                      InetSocketAddress signalled, DtlsHandshakeRunner.Component component) {
        boolean rtcp = component == DtlsHandshakeRunner.Component.RTCP;
        Predicate<InetSocketAddress> validated = from -> from.equals(signalled) || from.equals(link.currentTarget(rtcp));
        DtlsSrtpConfig config = new DtlsSrtpConfig(certificate, fingerprint, DtlsSrtpConfig.DEFAULT_PROFILES,
                weAreClient ? signalled : null, validated, handshakeTimeoutMillis);
        DtlsHandshakeRunner r = new DtlsHandshakeRunner(config, weAreClient, component, link, srtp);
        r.start();
        return r;
    }

    private List<String> answerLines(DtlsCertificate certificate) {
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
    public boolean onDatagram(boolean rtcpPort, byte[] buf, int length, InetSocketAddress from) {
        DtlsHandshakeRunner r = rtcpPort ? runningRtcp : running;
        return r != null && r.offer(buf, length, from);
    }

    /** Stops the handshake or closes the session (close_notify). */
    void stop() {
        DtlsHandshakeRunner r = running;
        DtlsHandshakeRunner c = runningRtcp;
        running = null;
        runningRtcp = null;
        remoteFingerprint = null;
        peer = null;
        if (r != null) {
            r.cancel();
        }
        if (c != null) {
            c.cancel();
        }
    }

    private static String setupOf(MediaDescription m, SessionDescription sd) {
        String s = sd.setupFor(m);
        return s == null ? "active" : s.trim().toLowerCase(Locale.ROOT);
    }
}
