package org.voxgate.srtp.internal.dtls;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.voxgate.srtp.DtlsCertificate;
import org.voxgate.srtp.SrtpProfile;

/** What client and server share: our ECDSA credentials, the fingerprint check, the SRTP profiles. */
final class DtlsCredentials {
    /** ECDHE with ECDSA only: our certificates are P-256 (RFC 8827 asks for ECDSA P-256 too). */
    static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    };

    final BcTlsCrypto crypto;
    final Certificate certificate;
    final AsymmetricKeyParameter privateKey;
    final String remoteFingerprint;
    final List<SrtpProfile> profiles;
    boolean fingerprintMismatch;
    boolean noCommonProfile;

    DtlsCredentials(BcTlsCrypto crypto, DtlsCertificate cert, String remoteFingerprint, List<SrtpProfile> profiles)
            throws IOException {
        this.crypto = crypto;
        TlsCertificate c = crypto.createCertificate(cert.der());
        this.certificate = new Certificate(new TlsCertificate[] {c});
        byte[] pkcs8 = cert.privateKeyPkcs8();
        try {
            this.privateKey = PrivateKeyFactory.createKey(pkcs8);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        this.remoteFingerprint = remoteFingerprint;
        this.profiles = profiles;
    }

    TlsCredentialedSigner signer(TlsContext context) {
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, privateKey, certificate,
                new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    /** RFC 5763 section 5: the peer's certificate must match the fingerprint from signalling. */
    void checkPeer(Certificate peer) throws IOException {
        if (peer == null || peer.isEmpty()) {
            fingerprintMismatch = true;
            throw new TlsFatalAlert(AlertDescription.certificate_required);
        }
        String got = DtlsCertificate.fingerprintOf(peer.getCertificateAt(0).getEncoded());
        if (!DtlsCertificate.fingerprintsMatch(got, remoteFingerprint)) {
            fingerprintMismatch = true;
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "fingerprint mismatch: got " + got);
        }
    }

    int[] profileIds() {
        int[] ids = new int[profiles.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = profiles.get(i).dtlsProfileId();
        }
        return ids;
    }
}
