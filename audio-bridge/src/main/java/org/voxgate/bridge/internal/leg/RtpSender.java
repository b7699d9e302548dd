package org.voxgate.bridge.internal.leg;

import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;

import org.voxgate.bridge.internal.rtp.RtpPacket;
import org.voxgate.bridge.internal.srtp.LegSrtp;
import org.voxgate.bridge.internal.tcp.TcpMediaLink;
import org.voxgate.bridge.internal.transport.UdpTransport;

/**
 * Packetizes and sends one leg's RTP. Sequence number and timestamp start at random values
 * (RFC 3550 section 5.1); the timestamp advances by the samples of every tick, sent or not, and
 * the first packet after a gap carries the marker bit (RFC 3551 section 4.1). On an SRTP leg
 * each packet is protected after packetizing (RFC 3711 section 3.3), in a buffer with room for
 * the tag; while the leg has no keys (DTLS handshake) nothing leaves, but time runs on. Owned
 * by the thread holding the leg's play-out lock; the counters are volatile for RTCP and stats.
 */
final class RtpSender {
    private final Channel channel;
    private final long ssrc;
    private final byte[] header = new byte[RtpPacket.FIXED_HEADER_BYTES];
    private final LegSrtp srtp;
    /** The leg's TCP link when its media runs over TCP (RFC 4571), else null. */
    private final Supplier<TcpMediaLink> tcp;
    /** Packet plus SRTP tag, protected in place. */
    private final byte[] secured = new byte[UdpTransport.MAX_DATAGRAM_BYTES + LegSrtp.MAX_OVERHEAD_BYTES];
    private int seq;
    private long timestamp;
    private boolean marker = true;

    volatile long packetsSent;
    volatile long octetsSent;
    volatile long lastTimestamp;
    volatile long lastSendNanos;

    RtpSender(Channel channel, long ssrc, LegSrtp srtp, Supplier<TcpMediaLink> tcp) {
        this.channel = channel;
        this.tcp = tcp;
        this.ssrc = ssrc;
        this.srtp = srtp;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        this.seq = r.nextInt(1 << 16);
        this.timestamp = r.nextLong(1L << 32);
    }

    long ssrc() {
        return ssrc;
    }

    /** Sends one packet of {@code samples} samples and moves the timestamp on. */
    void send(InetSocketAddress target, int payloadType, byte[] payload, int offset, int length, int samples,
              long nowNanos) {
        RtpPacket.writeHeader(header, 0, marker, payloadType, seq, timestamp, ssrc);
        TcpMediaLink link = tcp.get();
        if (link != null) {
            if (!sendTcp(link, payload, offset, length)) {
                skip(samples);
                return;
            }
        } else if (srtp.secured()) {
            if (!sendProtected(target, payload, offset, length)) {
                skip(samples); // no keys (yet): nothing goes out in the clear
                return;
            }
        } else {
            ByteBuf buf = channel.alloc().directBuffer(header.length + length);
            buf.writeBytes(header).writeBytes(payload, offset, length);
            channel.writeAndFlush(new DatagramPacket(buf, target), channel.voidPromise());
        }
        marker = false;
        seq = (seq + 1) & 0xFFFF;
        lastTimestamp = timestamp;
        lastSendNanos = nowNanos;
        timestamp = (timestamp + samples) & 0xFFFF_FFFFL;
        packetsSent = packetsSent + 1; // single writer
        octetsSent = octetsSent + length;
    }

    private boolean sendProtected(InetSocketAddress target, byte[] payload, int offset, int length) {
        int n = header.length + length;
        if (n > UdpTransport.MAX_DATAGRAM_BYTES) {
            return false;
        }
        System.arraycopy(header, 0, secured, 0, header.length);
        System.arraycopy(payload, offset, secured, header.length, length);
        n = srtp.protectRtp(secured, n);
        if (n < 0) {
            return false;
        }
        ByteBuf buf = channel.alloc().directBuffer(n);
        buf.writeBytes(secured, 0, n);
        channel.writeAndFlush(new DatagramPacket(buf, target), channel.voidPromise());
        return true;
    }

    /**
     * Packetizes (and protects) into {@code secured} and queues the packet on the TCP connection.
     * A full send queue drops it (counted by the connection) like a lost packet: sequence and
     * timestamp move on.
     *
     * @return false when nothing could be built (too large, no keys)
     */
    private boolean sendTcp(TcpMediaLink link, byte[] payload, int offset, int length) {
        int n = header.length + length;
        if (n > UdpTransport.MAX_DATAGRAM_BYTES) {
            return false;
        }
        System.arraycopy(header, 0, secured, 0, header.length);
        System.arraycopy(payload, offset, secured, header.length, length);
        if (srtp.secured()) {
            n = srtp.protectRtp(secured, n);
            if (n < 0) {
                return false;
            }
        }
        link.send(secured, 0, n);
        return true;
    }

    /** A tick with nothing sent: time moves on, the next packet starts a talkspurt. */
    void skip(int samples) {
        timestamp = (timestamp + samples) & 0xFFFF_FFFFL;
        marker = true;
    }
}
