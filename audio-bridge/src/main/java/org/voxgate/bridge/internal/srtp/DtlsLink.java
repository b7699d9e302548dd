package org.voxgate.bridge.internal.srtp;

import java.net.InetSocketAddress;

/** What a DTLS handshake needs of its leg. Thread-safe. */
public interface DtlsLink {
    /** The leg id, for thread names and logs. */
    String legId();

    /** Sends one datagram from the leg's RTP socket, or its RTCP socket when {@code rtcp}. */
    void send(boolean rtcp, byte[] data, int offset, int length, InetSocketAddress to);

    /** Where RTP (or RTCP when {@code rtcp}) goes now: the latched or signalled address, or null. */
    InetSocketAddress currentTarget(boolean rtcp);

    /** Keying failed for good: the leg's media has ended; tell the listener. Called once. */
    void failed(String reason);
}
