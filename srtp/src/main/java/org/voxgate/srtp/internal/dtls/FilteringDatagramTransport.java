package org.voxgate.srtp.internal.dtls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Predicate;

import org.bouncycastle.tls.DatagramTransport;
import org.voxgate.srtp.DtlsTransport;

/**
 * Adapts the caller's {@link DtlsTransport} to Bouncy Castle's {@link DatagramTransport} and
 * drops every datagram whose source signalling did not validate. The server latches the first
 * valid source as its only peer (RFC 5763 section 5: the fingerprint then binds that peer).
 */
public final class FilteringDatagramTransport implements DatagramTransport {
    private static final int RECEIVE_LIMIT = 2048;

    private final DtlsTransport transport;
    private final Predicate<InetSocketAddress> validated;
    private InetSocketAddress peer;
    private long ignored;

    public FilteringDatagramTransport(DtlsTransport transport, Predicate<InetSocketAddress> validated,
                                      InetSocketAddress peer) {
        this.transport = transport;
        this.validated = validated;
        this.peer = peer;
    }

    /** Datagrams dropped because their source was not validated. */
    public long ignored() {
        return ignored;
    }

    public InetSocketAddress peer() {
        return peer;
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return transport.sendLimit();
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (true) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000L;
            if (leftMillis <= 0) {
                return -1;
            }
            DtlsTransport.Datagram d = transport.receive((int) Math.min(Integer.MAX_VALUE, leftMillis));
            if (d == null) {
                return -1;
            }
            InetSocketAddress from = d.source();
            boolean ok = peer != null ? peer.equals(from) && validated.test(from) : from != null && validated.test(from);
            if (!ok) {
                ignored++;
                continue;
            }
            if (peer == null) {
                peer = from;
            }
            int n = Math.min(len, d.data().length);
            System.arraycopy(d.data(), 0, buf, off, n);
            return n;
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (peer == null) {
            throw new IOException("no validated peer yet");
        }
        transport.send(buf, off, len, peer);
    }

    @Override
    public void close() {
        // the caller owns the socket
    }
}
