package org.voxgate.bridge.internal.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;

/** Netty event loops and UDP channel binding for the bridge. */
public final class UdpTransport implements AutoCloseable {
    /** Receive buffer per datagram: an Ethernet MTU's worth. */
    public static final int MAX_DATAGRAM_BYTES = 1500;

    private final EventLoopGroup group;
    private final Class<? extends DatagramChannel> channelClass;
    private final boolean epoll;

    public UdpTransport(int threads) {
        this.epoll = Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(threads,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.channelClass = epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /** The event loops, shared with the TCP media port. */
    public EventLoopGroup group() {
        return group;
    }

    /** Whether the native epoll transport is in use. */
    public boolean epoll() {
        return epoll;
    }

    /**
     * Binds a UDP channel, waiting for the bind.
     *
     * @param loop the event loop to register on (to share one with another channel), or null
     *
     * @throws Exception the bind failure (port in use, address not local)
     */
    public Channel bind(InetAddress address, int port, ChannelHandler handler, EventLoop loop) throws Exception {
        Bootstrap b = new Bootstrap()
                .group(loop != null ? loop : group)
                .channel(channelClass)
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM_BYTES + 1))
                .option(ChannelOption.SO_RCVBUF, 256 * 1024)
                .handler(handler);
        return b.bind(new InetSocketAddress(address, port)).sync().channel();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 500, java.util.concurrent.TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
