package org.voxgate.srtp.internal.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.voxgate.srtp.KeyingMaterialExporter;
import org.voxgate.srtp.SrtpProfile;

/**
 * DTLS 1.2 server: picks the first of our profiles the client offered (RFC 5764 section
 * 4.1.1), requires a client certificate (RFC 5763 section 5) and checks its fingerprint.
 */
public final class SrtpDtlsServer extends DefaultTlsServer {
    private final DtlsCredentials credentials;
    private final int timeoutMillis;
    private SrtpProfile selected;
    private byte[] material;

    SrtpDtlsServer(DtlsCredentials credentials, int timeoutMillis) {
        super(credentials.crypto);
        this.credentials = credentials;
        this.timeoutMillis = timeoutMillis;
    }

    SrtpProfile selected() { return selected; }

    /** The RFC 5764 keying material, exported when the handshake completed (Bouncy Castle allows no later export). */
    byte[] material() { return material; }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        material = context.exportKeyingMaterial(KeyingMaterialExporter.DTLS_SRTP_LABEL, null,
                2 * (selected.masterKeyLength() + selected.masterSaltLength()));
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return DtlsCredentials.CIPHER_SUITES.clone();
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return timeoutMillis;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered != null) {
            for (SrtpProfile p : credentials.profiles) {
                for (int id : offered.getProtectionProfiles()) {
                    if (id == p.dtlsProfileId() && selected == null) {
                        selected = p;
                    }
                }
            }
        }
        if (selected == null) {
            credentials.noCommonProfile = true;
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "no common SRTP protection profile");
        }
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable ext = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
        TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(new int[] {selected.dtlsProfileId()}, TlsUtils.EMPTY_BYTES));
        return ext;
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        @SuppressWarnings("rawtypes")
        Vector algorithms = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                algorithms, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        credentials.checkPeer(clientCertificate);
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() {
        return credentials.signer(context);
    }
}
