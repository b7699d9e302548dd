package org.voxgate.bridge.internal.bridge;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.voxgate.bridge.internal.codec.G711;
import org.voxgate.bridge.internal.rtp.RtpPacket;

/**
 * A loopback endpoint for SRTP tests: an RTP and an RTCP socket (even/odd not required), each
 * recording every datagram as it arrived (ciphertext included), and a sender of raw datagrams.
 */
final class SrtpPeer implements AutoCloseable {
    /** One received datagram. */
    record Datagram(byte[] data, InetSocketAddress from, boolean rtcpSocket) {}

    final DatagramSocket rtp;
    final DatagramSocket rtcp;
    final long ssrc;
    private final List<Datagram> received = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private int seq = 65_500; // wraps during a test: ROC handling on the bridge's side
    private long timestamp = 90_000;
    private long sampleIndex;

    SrtpPeer(long ssrc) throws SocketException {
        this.ssrc = ssrc;
        InetAddress lo = InetAddress.getLoopbackAddress();
        this.rtp = new DatagramSocket(new InetSocketAddress(lo, 0));
        this.rtcp = new DatagramSocket(new InetSocketAddress(lo, 0));
        start(rtp, false);
        start(rtcp, true);
    }

    private void start(DatagramSocket s, boolean isRtcp) throws SocketException {
        s.setSoTimeout(100);
        Thread t = new Thread(() -> receive(s, isRtcp), "srtp-peer-" + s.getLocalPort());
        t.setDaemon(true);
        t.start();
        threads.add(t);
    }

    /** An offer with the given m= proto and attribute lines (CRLF-terminated), pointing at us. */
    String offer(String proto, String attributes) {
        return "v=0\r\n"
                + "o=peer 1 1 IN IP4 127.0.0.1\r\n"
                + "s=-\r\n"
                + "c=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\n"
                + "m=audio " + rtp.getLocalPort() + " " + proto + " 0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=ptime:20\r\n"
                + "a=rtcp:" + rtcp.getLocalPort() + "\r\n"
                + attributes
                + "a=sendrecv\r\n";
    }

    /**
     * The next 20 ms PCMU tone packet, plain RTP, in a buffer with 64 bytes of room for a tag.
     * Its length is {@link #PACKET_BYTES}.
     */
    byte[] nextTonePacket(double hz, double amplitude) {
        byte[] b = new byte[PACKET_BYTES + 64];
        RtpPacket.writeHeader(b, 0, false, 0, seq, timestamp, ssrc);
        for (int i = 0; i < 160; i++) {
            double v = amplitude * Math.sin(2 * Math.PI * hz * (sampleIndex + i) / 8000.0);
            b[12 + i] = G711.PCMU.encode((short) Math.round(v));
        }
        sampleIndex += 160;
        seq = (seq + 1) & 0xFFFF;
        timestamp += 160;
        return b;
    }

    static final int PACKET_BYTES = 12 + 160;

    void send(DatagramSocket from, InetSocketAddress to, byte[] data, int length) {
        try {
            from.send(new DatagramPacket(data, length, to));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void receive(DatagramSocket s, boolean isRtcp) {
        byte[] buf = new byte[2048];
        while (running) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            Datagram d = new Datagram(Arrays.copyOf(p.getData(), p.getLength()),
                    (InetSocketAddress) p.getSocketAddress(), isRtcp);
            synchronized (received) {
                received.add(d);
            }
        }
    }

    List<Datagram> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    void clear() {
        synchronized (received) {
            received.clear();
        }
    }

    @Override
    public void close() {
        running = false;
        rtp.close();
        rtcp.close();
    }
}
