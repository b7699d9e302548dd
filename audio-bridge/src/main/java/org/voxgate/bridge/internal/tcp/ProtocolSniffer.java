package org.voxgate.bridge.internal.tcp;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * First handler of an accepted connection when the port also speaks TLS: looks at the first
 * byte, then puts TLS (a handshake record, 22) or nothing in front of the media handler and steps
 * aside. A connection that sends nothing within the match timeout is closed and counted as
 * unmatched.
 */
final class ProtocolSniffer extends ChannelInboundHandlerAdapter {
    private final TcpMediaServer server;
    private final AtomicBoolean unmatched;
    private ScheduledFuture<?> timer;

    ProtocolSniffer(TcpMediaServer server, AtomicBoolean unmatched) {
        this.server = server;
        this.unmatched = unmatched;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        timer = ctx.executor().schedule(() -> {
            if (ctx.pipeline().get(ProtocolSniffer.class) != null) {
                server.unmatchedClosed.incrementAndGet();
                ctx.close();
            }
        }, server.matchTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in) || !in.isReadable()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        boolean tls = in.getUnsignedByte(in.readerIndex()) == TcpMediaServer.TLS_HANDSHAKE_RECORD;
        if (tls) {
            ctx.pipeline().addLast(server.newServerSslHandler());
        }
        ctx.pipeline().addLast(new TcpMediaConnection(server, tls, null, unmatched));
        ctx.fireChannelRead(in);
        ctx.pipeline().remove(this);
    }
}
