package org.voxgate.bridge.internal.tcp;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP (or TLS) media connection: deframes RFC 4571 on its event loop, finds its leg
 * ({@link PendingTcpLegs}) and hands packets to it, and writes the leg's packets through a
 * bounded queue.
 *
 * <p>Receive: a LENGTH above the maximum closes the connection (framing lost). A frame that is
 * not RTP or RTCP version 2, or shorter than an RTCP header, is dropped and counted; more than
 * {@value #MAX_MALFORMED_IN_A_ROW} in a row also close it (the stream is most likely out of
 * sync). RTP and RTCP share the connection (RFC 5761): the leg tells them apart by payload type.
 *
 * <p>Send: {@link #send} copies the packet into one of a fixed number of slots under a short lock
 * and, if none is pending, schedules one reusable flush task on the connection's loop. The flush
 * writes every queued frame into one pooled buffer. While the channel is not writable (the
 * client reads slower than we send and Netty's high water mark is reached) the slots fill up and
 * further packets are dropped and counted: the sending thread (a conference's mixer) never waits.
 */
public final class TcpMediaConnection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(TcpMediaConnection.class);
    static final int MAX_MALFORMED_IN_A_ROW = 8;
    /** RFC 3550 section 6.4.1: an RTCP header with the sender SSRC is 8 bytes. */
    private static final int MIN_PACKET_BYTES = 8;

    private final TcpMediaServer server;
    private final Rfc4571Deframer deframer;
    private final Rfc4571Deframer.FrameSink sink = this::onFrame;
    private final boolean tls;
    private Channel channel;
    private InetSocketAddress remote;
    private ScheduledFuture<?> matchTimer;
    private int malformedInARow;
    private boolean started;
    /** True while this accepted connection counts in the server's unmatched ones; null when we connected. */
    private final AtomicBoolean unmatched;
    private volatile TcpMediaLink link;
    private final AtomicBoolean closed = new AtomicBoolean();

    // send queue
    private final Object sendLock = new Object();
    /** Made when the connection gets its leg: an unmatched connection holds no send buffers. */
    private byte[][] slots;
    private int[] slotLength;
    private int queued;
    private int queuedBytes;
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final Runnable flushTask = this::flush;
    private final AtomicLong sendDrops = new AtomicLong();
    private final AtomicLong framesSent = new AtomicLong();

    /**
     * @param activeLink the leg when we connected (a=setup:active), or null for an accepted
     *                   connection that still has to be matched
     */
    TcpMediaConnection(TcpMediaServer server, boolean tls, TcpMediaLink activeLink, AtomicBoolean unmatched) {
        this.server = server;
        this.unmatched = unmatched;
        this.tls = tls;
        this.link = activeLink;
        this.deframer = new Rfc4571Deframer(server.maxPacketBytes());
    }

    InetSocketAddress remote() {
        return remote;
    }

    boolean isOpen() {
        Channel c = channel;
        return c != null && c.isActive() && !closed.get();
    }

    long sendDrops() {
        return sendDrops.get();
    }

    long framesSent() {
        return framesSent.get();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        remote = (InetSocketAddress) channel.remoteAddress();
        if (channel.isActive()) {
            started(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (remote == null) {
            remote = (InetSocketAddress) ctx.channel().remoteAddress();
        }
        started(ctx);
        ctx.fireChannelActive();
    }

    private void started(ChannelHandlerContext ctx) {
        if (started) {
            return;
        }
        started = true;
        TcpMediaLink l = link;
        if (l != null) {
            allocateSendQueue();
            l.attach(this); // we connected for this leg
            return;
        }
        matchTimer = ctx.executor().schedule(() -> {
            if (link == null) {
                server.unmatchedClosed.incrementAndGet();
                log.debug("TCP media connection from {} matched no leg within {}: closed", remote,
                        server.matchTimeout());
                close();
            }
        }, server.matchTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (!tls) {
            tryMatchOnAccept();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                tryMatchOnAccept();
            } else {
                server.tlsFailures.incrementAndGet();
                log.debug("TLS handshake with {} failed: {}", remote, done.cause().toString());
                close();
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void tryMatchOnAccept() {
        if (link == null && remote != null) {
            TcpMediaLink l = server.pending().matchOnAccept(remote.getAddress(), tls);
            if (l != null) {
                matched(l);
            }
        }
    }

    private void allocateSendQueue() {
        synchronized (sendLock) {
            slots = new byte[server.sendQueuePackets()][server.maxPacketBytes()];
            slotLength = new int[slots.length];
        }
    }

    private void leaveUnmatched() {
        if (unmatched != null && unmatched.compareAndSet(true, false)) {
            server.unmatchedOpen.decrementAndGet();
        }
    }

    private void matched(TcpMediaLink l) {
        allocateSendQueue(); // before attach: the link publishes this connection to senders
        leaveUnmatched();
        link = l;
        if (matchTimer != null) {
            matchTimer.cancel(false);
        }
        server.matched.incrementAndGet();
        log.debug("TCP media connection from {} is {}", remote, l);
        l.attach(this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (deframer.feed(in, sink) == Rfc4571Deframer.Status.BROKEN) {
                server.framingErrors.incrementAndGet();
                log.debug("TCP media connection from {}: RFC 4571 LENGTH above {}; closed", remote,
                        deframer.maxFrameBytes());
                close();
            }
        } finally {
            in.release();
        }
    }

    /**
     * RFC 5761 section 4 layout of the first bytes, for the version check and the SSRC used to
     * match a connection:
     *
     * <pre>
     *   RTP:  |V=2|P|X| CC |M|  PT (0..127)  |   sequence number   | timestamp (4) | SSRC (4) ...
     *   RTCP: |V=2|P| RC   |  PT (192..223)  |       length        | sender SSRC (4) ...
     * </pre>
     */
    private void onFrame(byte[] frame, int offset, int length) {
        if (closed.get()) {
            return;
        }
        if (length < MIN_PACKET_BYTES || (frame[offset] & 0xC0) != 0x80) {
            server.malformedFrames.incrementAndGet();
            if (++malformedInARow > MAX_MALFORMED_IN_A_ROW) {
                log.debug("TCP media connection from {}: {} malformed frames in a row; closed", remote, malformedInARow);
                close();
            }
            return;
        }
        malformedInARow = 0;
        TcpMediaLink l = link;
        if (l == null) {
            int pt = frame[offset + 1] & 0xFF;
            boolean rtcp = pt >= 192 && pt <= 223;
            long ssrc = rtcp ? readUint32(frame, offset + 4)
                    : length >= 12 ? readUint32(frame, offset + 8) : -1;
            l = server.pending().matchOnPacket(remote.getAddress(), tls, ssrc);
            if (l == null) {
                server.unmatchedPackets.incrementAndGet();
                return;
            }
            matched(l);
        }
        l.offer(frame, offset, length);
    }

    private static long readUint32(byte[] b, int i) {
        return ((b[i] & 0xFFL) << 24) | ((b[i + 1] & 0xFFL) << 16) | ((b[i + 2] & 0xFFL) << 8) | (b[i + 3] & 0xFFL);
    }

    /**
     * Queues one packet; never blocks.
     *
     * @return false when closed, the packet is too large, or the queue is full (counted)
     */
    boolean send(byte[] packet, int offset, int length) {
        if (closed.get() || length < 1 || length > server.maxPacketBytes()) {
            return false;
        }
        synchronized (sendLock) {
            if (slots == null) {
                return false;
            }
            if (queued == slots.length) {
                sendDrops.incrementAndGet();
                server.sendDrops.incrementAndGet();
                return false;
            }
            System.arraycopy(packet, offset, slots[queued], 0, length);
            slotLength[queued] = length;
            queued++;
            queuedBytes += Rfc4571Framer.frameBytes(length);
        }
        if (flushScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(flushTask);
        }
        return true;
    }

    /** On the connection's loop: everything queued goes out in one write, if the socket keeps up. */
    private void flush() {
        flushScheduled.set(false);
        Channel ch = channel;
        if (!ch.isActive() || !ch.isWritable()) {
            return; // channelWritabilityChanged flushes again; meanwhile the slots fill and then drop
        }
        ByteBuf out;
        int frames;
        synchronized (sendLock) {
            if (queued == 0) {
                return;
            }
            out = ch.alloc().directBuffer(queuedBytes);
            for (int i = 0; i < queued; i++) {
                Rfc4571Framer.write(out, slots[i], 0, slotLength[i]);
            }
            frames = queued;
            queued = 0;
            queuedBytes = 0;
        }
        framesSent.addAndGet(frames);
        ch.writeAndFlush(out, ch.voidPromise());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            flush();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed.set(true);
        if (matchTimer != null) {
            matchTimer.cancel(false);
        }
        TcpMediaLink l = link;
        if (l != null) {
            l.detach(this);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("TCP media connection from {}: {}", remote, cause.toString());
        close();
    }

    /** Closes the connection. Idempotent. */
    void close() {
        closed.set(true);
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }
}
