package org.voxgate.srtp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Settings of one DTLS-SRTP handshake.
 *
 * @param certificate          our certificate; its fingerprint went into our a=fingerprint
 * @param remoteFingerprint    the peer's a=fingerprint value, "sha-256 AB:CD:..." (RFC 8122)
 * @param profiles             SRTP profiles to offer or accept, in preference order
 * @param peer                 client role: where to send (the address signalling gave); may be
 *                             null on the server side
 * @param validatedSource      which source addresses signalling validated (e.g. by ICE); DTLS
 *                             datagrams from any other address are ignored. On the server the
 *                             first valid source becomes the only peer.
 * @param handshakeTimeoutMillis overall handshake limit
 */
public record DtlsSrtpConfig(DtlsCertificate certificate, String remoteFingerprint, List<SrtpProfile> profiles,
                             InetSocketAddress peer, Predicate<InetSocketAddress> validatedSource,
                             int handshakeTimeoutMillis) {
    /** Profiles offered when the caller does not choose: GCM first, then counter mode. */
    public static final List<SrtpProfile> DEFAULT_PROFILES = List.of(SrtpProfile.AEAD_AES_128_GCM,
            SrtpProfile.AEAD_AES_256_GCM, SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpProfile.AES_CM_128_HMAC_SHA1_32);

    public DtlsSrtpConfig {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(remoteFingerprint, "remoteFingerprint");
        Objects.requireNonNull(validatedSource, "validatedSource");
        profiles = List.copyOf(profiles);
        for (SrtpProfile p : profiles) {
            if (p.dtlsProfileId() == 0) {
                throw new IllegalArgumentException(p + " has no DTLS-SRTP profile id");
            }
        }
        if (profiles.isEmpty() || handshakeTimeoutMillis <= 0) {
            throw new IllegalArgumentException("need profiles and a positive timeout");
        }
    }

    /** Client settings: send to {@code peer}, accept DTLS only from it. */
    public static DtlsSrtpConfig client(DtlsCertificate certificate, String remoteFingerprint, InetSocketAddress peer) {
        return new DtlsSrtpConfig(certificate, remoteFingerprint, DEFAULT_PROFILES, peer, peer::equals, 10_000);
    }

    /** Server settings: accept the first source {@code validatedSource} allows. */
    public static DtlsSrtpConfig server(DtlsCertificate certificate, String remoteFingerprint,
                                        Predicate<InetSocketAddress> validatedSource) {
        return new DtlsSrtpConfig(certificate, remoteFingerprint, DEFAULT_PROFILES, null, validatedSource, 10_000);
    }

    public DtlsSrtpConfig withProfiles(List<SrtpProfile> newProfiles) {
        return new DtlsSrtpConfig(certificate, remoteFingerprint, newProfiles, peer, validatedSource, handshakeTimeoutMillis);
    }

    public DtlsSrtpConfig withTimeoutMillis(int millis) {
        return new DtlsSrtpConfig(certificate, remoteFingerprint, profiles, peer, validatedSource, millis);
    }
}
