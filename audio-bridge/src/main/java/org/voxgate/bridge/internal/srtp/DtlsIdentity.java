package org.voxgate.bridge.internal.srtp;

import java.time.Duration;
import java.time.Instant;

import org.voxgate.srtp.DtlsCertificate;

/**
 * The bridge's DTLS certificate: self-signed, made on first use (RFC 5763 section 5 lets
 * endpoints use self-signed certificates whose fingerprint signalling carries), replaced once
 * a day so no certificate outlives its validity in a long-running process. Thread-safe.
 */
public final class DtlsIdentity {
    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final Duration RENEW_AFTER = Duration.ofDays(1);

    private DtlsCertificate certificate;
    private Instant made;

    /** The current certificate. */
    public synchronized DtlsCertificate certificate() {
        Instant now = Instant.now();
        if (certificate == null || now.isAfter(made.plus(RENEW_AFTER))) {
            certificate = DtlsCertificate.generateSelfSigned("voxgate", VALIDITY);
            made = now;
        }
        return certificate;
    }
}
