package org.voxgate.bridge.internal.srtp;

import java.net.InetSocketAddress;

/** What a DTLS handshake needs of its leg. Thread-safe. */
public interface DtlsLink {
    /** The leg id, for thread names and logs. */
    String legId();

    /** Sends one datagram from the leg's RTP socket. */
    void send(byte[] data, int offset, int length, InetSocketAddress to);

    /** Where RTP goes now (the latched or signalled address), or null. */
    InetSocketAddress currentTarget();

    /** Keying failed for good: the leg's media has ended; tell the listener. Called once. */
    void failed(String reason);
}
