package org.voxgate.srtp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** A loopback UDP socket as the caller's {@link DtlsTransport} in tests. */
final class UdpDtlsTransport implements DtlsTransport, AutoCloseable {
    final DatagramSocket socket;

    UdpDtlsTransport() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public int sendLimit() {
        return 1200;
    }

    @Override
    public Datagram receive(int waitMillis) throws IOException {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.setSoTimeout(Math.max(1, waitMillis));
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new Datagram(Arrays.copyOf(buf, p.getLength()), (InetSocketAddress) p.getSocketAddress());
    }

    @Override
    public void send(byte[] data, int off, int len, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(data, off, len, to));
    }

    @Override
    public void close() {
        socket.close();
    }
}
