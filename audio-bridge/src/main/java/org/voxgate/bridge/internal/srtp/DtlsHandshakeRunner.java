package org.voxgate.bridge.internal.srtp;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.srtp.DtlsSrtpConfig;
import org.voxgate.srtp.DtlsSrtpException;
import org.voxgate.srtp.DtlsSrtpSession;
import org.voxgate.srtp.DtlsTransport;
import org.voxgate.srtp.SrtpContext;
import org.voxgate.srtp.SrtpKeys;
import org.voxgate.srtp.SrtpPolicy;

/**
 * Runs one DTLS-SRTP handshake (RFC 5764 section 4) on its own thread, over one of the leg's
 * sockets (one component): the event loop hands DTLS datagrams in ({@link #offer}), the
 * handshake's flights go out through {@link DtlsLink#send}. On success the exported keys become
 * the leg's SRTP contexts for its component (RTP, RTCP, or both when they share a port); on
 * failure (fingerprint mismatch, no common profile, timeout) the leg's media ends and its
 * listener is told. The session stays open until {@link #cancel()} (leg closed or re-keyed),
 * which sends close_notify.
 */
final class DtlsHandshakeRunner implements DtlsTransport {
    private static final Logger log = LoggerFactory.getLogger(DtlsHandshakeRunner.class);
    /** Conservative path MTU minus IP/UDP headers. */
    static final int SEND_LIMIT_BYTES = 1200;

    /** Which packets the keys of this handshake protect (RFC 5764 section 4.1). */
    enum Component { RTP, RTCP, RTP_AND_RTCP }

    private final DtlsSrtpConfig config;
    private final boolean client;
    private final Component component;
    private final DtlsLink link;
    private final LegSrtp srtp;
    private final Predicate<InetSocketAddress> validated;
    private final BlockingQueue<Datagram> inbox = new ArrayBlockingQueue<>(32);
    private final Thread thread;
    private boolean cancelled; // guarded by this
    private DtlsSrtpSession session; // guarded by this

    DtlsHandshakeRunner(DtlsSrtpConfig config, boolean client, Component component, DtlsLink link, LegSrtp srtp) {
        this.config = config;
        this.client = client;
        this.component = component;
        this.link = link;
        this.srtp = srtp;
        this.validated = config.validatedSource();
        this.thread = new Thread(this::run, "voxgate-dtls-" + link.legId() + (component == Component.RTCP ? "-rtcp" : ""));
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * A DTLS datagram from the event loop (copied). Datagrams from sources signalling did not
     * validate are ignored here already; when the queue is full the datagram is dropped (DTLS
     * retransmits).
     *
     * @return false when ignored
     */
    boolean offer(byte[] buf, int length, InetSocketAddress from) {
        if (!validated.test(from)) {
            return false;
        }
        return inbox.offer(new Datagram(Arrays.copyOf(buf, length), from));
    }

    /** Stops the handshake or closes the finished session. Idempotent. */
    void cancel() {
        DtlsSrtpSession s;
        synchronized (this) {
            cancelled = true;
            s = session;
            session = null;
        }
        thread.interrupt();
        if (s != null) {
            s.close();
        }
    }

    @Override
    public int sendLimit() {
        return SEND_LIMIT_BYTES;
    }

    @Override
    public Datagram receive(int waitMillis) throws IOException {
        try {
            return inbox.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("handshake cancelled");
        }
    }

    @Override
    public void send(byte[] data, int off, int len, InetSocketAddress to) throws IOException {
        synchronized (this) {
            if (cancelled) {
                throw new IOException("handshake cancelled");
            }
        }
        link.send(component == Component.RTCP, data, off, len, to);
    }

    private void run() {
        DtlsSrtpSession s;
        try {
            s = client ? DtlsSrtpSession.handshakeAsClient(config, this)
                    : DtlsSrtpSession.handshakeAsServer(config, this);
        } catch (DtlsSrtpException e) {
            if (component == Component.RTCP && e.reason() == DtlsSrtpException.Reason.TIMEOUT) {
                // A peer that never keys its RTCP port loses RTCP, not the call.
                log.info("leg {}: no DTLS handshake on the RTCP port; RTCP stays off", link.legId());
                return;
            }
            fail(e.reason() + ": " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            fail("HANDSHAKE_FAILED: " + e);
            return;
        }
        SrtpPolicy policy = SrtpPolicy.of(s.profile());
        SrtpContext receive;
        SrtpContext sendRtp;
        SrtpContext sendRtcp;
        try (SrtpKeys tx = s.localKeys(); SrtpKeys rx = s.remoteKeys()) {
            receive = SrtpContext.forReceiving(policy, rx);
            sendRtp = SrtpContext.forSending(policy, tx);
            sendRtcp = SrtpContext.forSending(policy, tx);
        }
        synchronized (this) {
            if (!cancelled) {
                session = s;
                switch (component) {
                    case RTP -> {
                        srtp.install(receive, sendRtp, null, null);
                        sendRtcp.close();
                    }
                    case RTCP -> {
                        srtp.install(null, null, receive, sendRtcp);
                        sendRtp.close();
                    }
                    default -> srtp.install(receive, sendRtp, receive, sendRtcp);
                }
                log.debug("leg {}: DTLS-SRTP {} keyed with {} as {}", link.legId(), component, s.profile(),
                        client ? "client" : "server");
                return;
            }
        }
        receive.close();
        sendRtp.close();
        sendRtcp.close();
        s.close();
    }

    private void fail(String reason) {
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
        }
        log.info("leg {}: DTLS-SRTP ({}) failed: {}", link.legId(), component, reason);
        srtp.fail();
        link.failed(reason);
    }
}
