package org.voxgate.bridge.internal.leg;

import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;

import org.voxgate.bridge.internal.rtp.RtpPacket;

/**
 * Packetizes and sends one leg's RTP. Sequence number and timestamp start at random values
 * (RFC 3550 section 5.1); the timestamp advances by the samples of every tick, sent or not, and
 * the first packet after a gap carries the marker bit (RFC 3551 section 4.1). Owned by the
 * thread holding the leg's play-out lock; the counters are volatile for RTCP and stats.
 */
final class RtpSender {
    private final Channel channel;
    private final long ssrc;
    private final byte[] header = new byte[RtpPacket.FIXED_HEADER_BYTES];
    private int seq;
    private long timestamp;
    private boolean marker = true;

    volatile long packetsSent;
    volatile long octetsSent;
    volatile long lastTimestamp;
    volatile long lastSendNanos;

    RtpSender(Channel channel, long ssrc) {
        this.channel = channel;
        this.ssrc = ssrc;
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
        ByteBuf buf = channel.alloc().directBuffer(header.length + length);
        buf.writeBytes(header).writeBytes(payload, offset, length);
        channel.writeAndFlush(new DatagramPacket(buf, target), channel.voidPromise());
        marker = false;
        seq = (seq + 1) & 0xFFFF;
        lastTimestamp = timestamp;
        lastSendNanos = nowNanos;
        timestamp = (timestamp + samples) & 0xFFFF_FFFFL;
        packetsSent = packetsSent + 1; // single writer
        octetsSent = octetsSent + length;
    }

    /** A tick with nothing sent: time moves on, the next packet starts a talkspurt. */
    void skip(int samples) {
        timestamp = (timestamp + samples) & 0xFFFF_FFFFL;
        marker = true;
    }
}
