package org.voxgate.srtp.internal.dtls;

import java.io.IOException;
import java.util.Hashtable;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.voxgate.srtp.KeyingMaterialExporter;
import org.voxgate.srtp.SrtpProfile;

/** DTLS 1.2 client offering use_srtp (RFC 5764 section 4.1) and checking the server's fingerprint. */
public final class SrtpDtlsClient extends DefaultTlsClient {
    private final DtlsCredentials credentials;
    private final int timeoutMillis;
    private SrtpProfile selected;
    private byte[] material;

    SrtpDtlsClient(DtlsCredentials credentials, int timeoutMillis) {
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
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable ext = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(credentials.profileIds(), TlsUtils.EMPTY_BYTES));
        return ext;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData d = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        // RFC 5764 section 4.1.1: the server answers exactly one of the offered profiles.
        if (d == null || d.getProtectionProfiles().length != 1) {
            credentials.noCommonProfile = true;
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "no use_srtp answer");
        }
        SrtpProfile p = SrtpProfile.forDtlsProfileId(d.getProtectionProfiles()[0]);
        if (p == null || !credentials.profiles.contains(p)) {
            credentials.noCommonProfile = true;
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server chose a profile we did not offer");
        }
        selected = p;
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                credentials.checkPeer(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) {
                return credentials.signer(context);
            }
        };
    }
}
