package org.voxgate.srtp.internal.dtls;

import java.io.IOException;
import java.security.SecureRandom;

import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.voxgate.srtp.DtlsSrtpConfig;
import org.voxgate.srtp.DtlsSrtpException;
import org.voxgate.srtp.DtlsTransport;
import org.voxgate.srtp.KeyingMaterialExporter;
import org.voxgate.srtp.SrtpProfile;

/** Runs one handshake and keeps what SRTP needs from it. */
public final class DtlsHandshake {
    private final DTLSTransport dtls;
    private final byte[] material;
    private final SrtpProfile profile;
    private final boolean client;
    private final FilteringDatagramTransport filter;

    private DtlsHandshake(DTLSTransport dtls, byte[] material, SrtpProfile profile, boolean client,
                          FilteringDatagramTransport filter) {
        this.dtls = dtls;
        this.material = material;
        this.profile = profile;
        this.client = client;
        this.filter = filter;
    }

    public static DtlsHandshake run(DtlsSrtpConfig config, DtlsTransport transport, boolean asClient)
            throws DtlsSrtpException {
        FilteringDatagramTransport filter = new FilteringDatagramTransport(transport, config.validatedSource(),
                asClient ? config.peer() : null);
        if (asClient && config.peer() == null) {
            throw new IllegalArgumentException("the client needs the peer address");
        }
        DtlsCredentials credentials;
        try {
            credentials = new DtlsCredentials(new BcTlsCrypto(new SecureRandom()), config.certificate(),
                    config.remoteFingerprint(), config.profiles());
        } catch (IOException e) {
            throw new DtlsSrtpException(DtlsSrtpException.Reason.HANDSHAKE_FAILED, "bad certificate", e);
        }
        try {
            if (asClient) {
                SrtpDtlsClient c = new SrtpDtlsClient(credentials, config.handshakeTimeoutMillis());
                DTLSTransport t = new DTLSClientProtocol().connect(c, filter);
                return new DtlsHandshake(t, c.material(), c.selected(), true, filter);
            }
            SrtpDtlsServer s = new SrtpDtlsServer(credentials, config.handshakeTimeoutMillis());
            DTLSServerProtocol protocol = new DTLSServerProtocol();
            DTLSTransport t = protocol.accept(s, filter);
            return new DtlsHandshake(t, s.material(), s.selected(), false, filter);
        } catch (IOException e) {
            DtlsSrtpException.Reason reason = credentials.fingerprintMismatch ? DtlsSrtpException.Reason.FINGERPRINT_MISMATCH
                    : credentials.noCommonProfile ? DtlsSrtpException.Reason.NO_COMMON_PROFILE
                    : e instanceof TlsTimeoutException ? DtlsSrtpException.Reason.TIMEOUT
                    : DtlsSrtpException.Reason.HANDSHAKE_FAILED;
            throw new DtlsSrtpException(reason, String.valueOf(e.getMessage()), e);
        }
    }

    public SrtpProfile profile() { return profile; }

    public boolean isClient() { return client; }

    public long ignoredDatagrams() { return filter.ignored(); }

    /**
     * The material exported at handshake completion.
     *
     * @throws IllegalArgumentException for any label or length but RFC 5764's
     */
    public byte[] export(String label, int length) {
        if (!KeyingMaterialExporter.DTLS_SRTP_LABEL.equals(label) || length != material.length) {
            throw new IllegalArgumentException("only " + KeyingMaterialExporter.DTLS_SRTP_LABEL + " with "
                    + material.length + " bytes was exported");
        }
        return material.clone();
    }

    /** Sends close_notify and wipes the exported material. */
    public void close() {
        java.util.Arrays.fill(material, (byte) 0);
        try {
            dtls.close();
        } catch (IOException ignored) {
            // the peer may be gone
        }
    }
}
