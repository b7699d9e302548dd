package org.voxgate.srtp;

import org.voxgate.srtp.internal.dtls.DtlsHandshake;

/**
 * A finished DTLS-SRTP handshake (RFC 5764, RFC 5763) run with Bouncy Castle's DTLS 1.2 over the
 * caller's {@link DtlsTransport}. It exports SRTP keys through {@link KeyingMaterialExporter}:
 *
 * <pre>
 *   try (DtlsSrtpSession s = DtlsSrtpSession.handshakeAsClient(config, transport);
 *        SrtpKeys tx = s.localKeys(); SrtpKeys rx = s.remoteKeys()) {
 *       SrtpContext send = SrtpContext.forSending(SrtpPolicy.of(s.profile()), tx);
 *       SrtpContext receive = SrtpContext.forReceiving(SrtpPolicy.of(s.profile()), rx);
 *   }
 * </pre>
 *
 * The handshake blocks the calling thread (not an event loop) until done or
 * {@link DtlsSrtpConfig#handshakeTimeoutMillis()}. Datagrams from sources that
 * {@link DtlsSrtpConfig#validatedSource()} rejects are ignored and counted.
 */
public final class DtlsSrtpSession implements KeyingMaterialExporter, AutoCloseable {
    private final DtlsHandshake handshake;

    private DtlsSrtpSession(DtlsHandshake handshake) {
        this.handshake = handshake;
    }

    /**
     * Runs the client side (the a=setup:active end).
     *
     * @throws DtlsSrtpException FINGERPRINT_MISMATCH, NO_COMMON_PROFILE, TIMEOUT or HANDSHAKE_FAILED
     */
    public static DtlsSrtpSession handshakeAsClient(DtlsSrtpConfig config, DtlsTransport transport)
            throws DtlsSrtpException {
        return new DtlsSrtpSession(DtlsHandshake.run(config, transport, true));
    }

    /**
     * Runs the server side (the a=setup:passive end); requires a client certificate.
     *
     * @throws DtlsSrtpException FINGERPRINT_MISMATCH, NO_COMMON_PROFILE, TIMEOUT or HANDSHAKE_FAILED
     */
    public static DtlsSrtpSession handshakeAsServer(DtlsSrtpConfig config, DtlsTransport transport)
            throws DtlsSrtpException {
        return new DtlsSrtpSession(DtlsHandshake.run(config, transport, false));
    }

    @Override
    public SrtpProfile profile() { return handshake.profile(); }

    @Override
    public boolean isClient() { return handshake.isClient(); }

    @Override
    public byte[] exportKeyingMaterial(String label, int length) {
        return handshake.export(label, length);
    }

    /** DTLS datagrams dropped because signalling had not validated their source. */
    public long ignoredDatagrams() { return handshake.ignoredDatagrams(); }

    /** Sends close_notify. Keys already exported stay valid until their SrtpKeys are closed. */
    @Override
    public void close() {
        handshake.close();
    }
}
