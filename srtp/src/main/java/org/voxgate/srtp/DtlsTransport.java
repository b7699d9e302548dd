package org.voxgate.srtp;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The caller's datagram path for a DTLS-SRTP handshake. The srtp module owns no sockets: the
 * caller demultiplexes DTLS from SRTP on its port (RFC 7983) and hands DTLS datagrams here.
 * Called from the one thread that runs the handshake.
 */
public interface DtlsTransport {
    /** One received datagram and where it came from. */
    record Datagram(byte[] data, InetSocketAddress source) {}

    /** Largest datagram that can be sent (path MTU minus IP/UDP headers). */
    int sendLimit();

    /** Waits up to {@code waitMillis} for the next DTLS datagram; null on timeout. */
    Datagram receive(int waitMillis) throws IOException;

    /** Sends one datagram to {@code to}. */
    void send(byte[] data, int off, int len, InetSocketAddress to) throws IOException;
}
