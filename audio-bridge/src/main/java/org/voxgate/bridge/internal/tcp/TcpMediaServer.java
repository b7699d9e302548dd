package org.voxgate.bridge.internal.tcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.bridge.TcpMediaConfig;

/**
 * The shared listening port for RTP over TCP and TLS, the connections the bridge opens itself
 * (a=setup:active), and the counters of both. Thread-safe.
 *
 * <p>One port serves plain and TLS connections when TLS is configured: the first byte tells them
 * apart. A TLS connection starts with a handshake record (content type 22, RFC 8446 section
 * 5.1); a plain RFC 4571 stream starting with 22 would announce a packet of at least 5,632
 * bytes, far above our maximum, so nothing that works is lost by the test.
 */
public final class TcpMediaServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TcpMediaServer.class);
    /** RFC 8446 section 5.1 / RFC 5246 section 6.2.1: ContentType handshake. */
    static final int TLS_HANDSHAKE_RECORD = 22;
    /**
     * Netty write buffer bounds per connection: about a second of G.711 in RFC 4571 frames. With
     * the socket send buffer below, a client that stops reading holds at most a few seconds of
     * stale audio before our send queue drops.
     */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(4 * 1024, 8 * 1024);
    /** Kernel send buffer per media connection (set explicitly: no autotuning to megabytes). */
    private static final int SOCKET_SEND_BUFFER_BYTES = 8 * 1024;

    private final TcpMediaConfig config;
    private final EventLoopGroup group;
    private final boolean epoll;
    private final int maxPacketBytes;
    private final SSLContext sslContext;
    private final String fingerprint;
    private final Channel listener;
    private final PendingTcpLegs pending = new PendingTcpLegs();

    final AtomicLong accepted = new AtomicLong();
    final AtomicLong matched = new AtomicLong();
    final AtomicLong unmatchedClosed = new AtomicLong();
    final AtomicLong unmatchedPackets = new AtomicLong();
    final AtomicLong framingErrors = new AtomicLong();
    final AtomicLong malformedFrames = new AtomicLong();
    final AtomicLong tlsFailures = new AtomicLong();
    final AtomicLong sendDrops = new AtomicLong();
    final AtomicLong connectFailures = new AtomicLong();
    final AtomicLong refusedBusy = new AtomicLong();
    /** Accepted connections not (yet) given to a leg. */
    final AtomicInteger unmatchedOpen = new AtomicInteger();
    /**
     * At most this many accepted connections may wait for their leg at once; more are closed at
     * accept and counted ({@code refusedBusy}): a flood of idle connections cannot grow memory
     * without bound (each unmatched one holds a frame buffer until its match timeout).
     */
    static final int MAX_UNMATCHED_CONNECTIONS = 512;

    /**
     * Binds the listening port.
     *
     * @param maxPacketBytes largest RTP/RTCP packet (SRTP tag included) taken or sent
     * @throws Exception when the port cannot be bound or the TLS identity is unusable
     */
    public TcpMediaServer(TcpMediaConfig config, InetAddress bindAddress, EventLoopGroup group, boolean epoll,
                          int maxPacketBytes) throws Exception {
        this.config = config;
        this.group = group;
        this.epoll = epoll;
        this.maxPacketBytes = maxPacketBytes;
        if (config.tls() != null) {
            this.sslContext = sslContext(config.tls());
            this.fingerprint = sha256Fingerprint(config.tls().chain().get(0));
        } else {
            this.sslContext = null;
            this.fingerprint = null;
        }
        Class<? extends ServerSocketChannel> serverClass = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(serverClass)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true) // media: no Nagle delay on 20 ms packets
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childOption(ChannelOption.SO_SNDBUF, SOCKET_SEND_BUFFER_BYTES)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.incrementAndGet();
                        if (unmatchedOpen.incrementAndGet() > MAX_UNMATCHED_CONNECTIONS) {
                            unmatchedOpen.decrementAndGet();
                            refusedBusy.incrementAndGet();
                            ch.close();
                            return;
                        }
                        AtomicBoolean unmatched = new AtomicBoolean(true); // cleared once, by a match or the close
                        ch.closeFuture().addListener(f -> {
                            if (unmatched.compareAndSet(true, false)) {
                                unmatchedOpen.decrementAndGet();
                            }
                        });
                        if (sslContext == null) {
                            ch.pipeline().addLast(new TcpMediaConnection(TcpMediaServer.this, false, null, unmatched));
                        } else {
                            ch.pipeline().addLast(new ProtocolSniffer(TcpMediaServer.this, unmatched));
                        }
                    }
                });
        this.listener = b.bind(new InetSocketAddress(bindAddress, config.port())).sync().channel();
        log.info("RTP over TCP on {}:{}{}", bindAddress.getHostAddress(), port(),
                sslContext != null ? " (plain and TLS)" : " (plain)");
    }

    private static SSLContext sslContext(TcpMediaConfig.Tls tls) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pass = new char[0];
        ks.setKeyEntry("media", tls.key(), pass, tls.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pass);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** RFC 8122 section 5: "sha-256 AB:CD:...". */
    static String sha256Fingerprint(X509Certificate cert) throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        String hex = HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        return "sha-256 " + hex;
    }

    /** A server-side engine limited to TLS 1.2 and 1.3 (TLS 1.0 and 1.1 are deprecated, RFC 8996). */
    SSLEngine newServerEngine() {
        SSLEngine e = sslContext.createSSLEngine();
        e.setUseClientMode(false);
        List<String> protocols = new ArrayList<>();
        for (String p : e.getSupportedProtocols()) {
            if (p.equals("TLSv1.3") || p.equals("TLSv1.2")) {
                protocols.add(p);
            }
        }
        e.setEnabledProtocols(protocols.toArray(new String[0]));
        return e;
    }

    SslHandler newServerSslHandler() {
        return new SslHandler(newServerEngine());
    }

    /** The bound listening port. */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Whether TCP/TLS/RTP/AVP can be answered. */
    public boolean tlsEnabled() {
        return sslContext != null;
    }

    /** Our a=fingerprint value ("sha-256 ..."), or null without TLS. */
    public String fingerprint() {
        return fingerprint;
    }

    public PendingTcpLegs pending() {
        return pending;
    }

    Duration matchTimeout() {
        return config.matchTimeout();
    }

    int maxPacketBytes() {
        return maxPacketBytes;
    }

    int sendQueuePackets() {
        return config.sendQueuePackets();
    }

    /** Waits for the peer of a passive leg to connect. */
    public void listenFor(TcpMediaLink link) {
        pending.add(link);
    }

    /** Forgets a leg that no longer waits (closed, re-offered). */
    public void forget(TcpMediaLink link) {
        pending.remove(link);
    }

    /**
     * Connects to the peer of an active leg (plain TCP only), retrying a refused connection every
     * 500 ms within the match timeout; the connection attaches itself to {@code link}.
     */
    public void connect(TcpMediaLink link) {
        connect(link, System.nanoTime() + config.matchTimeout().toNanos());
    }

    private void connect(TcpMediaLink link, long deadlineNanos) {
        if (link.isClosed() || listener == null || !listener.isOpen()) {
            return;
        }
        Class<? extends SocketChannel> cls = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(cls)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .option(ChannelOption.SO_SNDBUF, SOCKET_SEND_BUFFER_BYTES)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(100, config.matchTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new TcpMediaConnection(TcpMediaServer.this, false, link, null));
                    }
                });
        ChannelFuture f = b.connect(link.activeTarget());
        f.addListener(done -> {
            if (done.isSuccess()) {
                return;
            }
            if (System.nanoTime() + 500_000_000L < deadlineNanos && !link.isClosed()) {
                group.schedule(() -> connect(link, deadlineNanos), 500, java.util.concurrent.TimeUnit.MILLISECONDS);
            } else {
                connectFailures.incrementAndGet();
                log.debug("{}: could not connect to {}: {}", link, link.activeTarget(), done.cause().toString());
            }
        });
    }

    /** Counters since start. */
    public Stats stats() {
        return new Stats(accepted.get(), matched.get(), unmatchedClosed.get(), unmatchedPackets.get(),
                framingErrors.get(), malformedFrames.get(), tlsFailures.get(), sendDrops.get(),
                connectFailures.get(), refusedBusy.get(), unmatchedOpen.get());
    }

    /**
     * @param accepted         connections accepted on the shared port
     * @param matched          connections given to a leg
     * @param unmatchedClosed  connections closed because no leg matched within the timeout
     * @param unmatchedPackets packets dropped on connections not (yet) matched
     * @param framingErrors    connections closed for a LENGTH above the maximum
     * @param malformedFrames  frames that were not RTP/RTCP version 2, dropped
     * @param tlsFailures      failed TLS handshakes
     * @param sendDrops        packets dropped because a client's send queue was full
     * @param connectFailures  active legs whose connection could not be opened
     * @param refusedBusy      connections closed at accept because too many were unmatched
     * @param unmatchedOpen    connections open now that have no leg yet
     */
    public record Stats(long accepted, long matched, long unmatchedClosed, long unmatchedPackets, long framingErrors,
                        long malformedFrames, long tlsFailures, long sendDrops, long connectFailures,
                        long refusedBusy, long unmatchedOpen) {
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
    }

    @Override
    public String toString() {
        return "TCP media port " + port() + (sslContext != null ? " (plain and TLS)" : " (plain)");
    }
}
