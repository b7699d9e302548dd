package org.voxgate.bridge.internal.leg;

import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.bridge.api.DtmfSource;
import org.voxgate.bridge.internal.dtmf.TelephoneEventReceiver;
import org.voxgate.bridge.internal.rtcp.RtcpParser;
import org.voxgate.bridge.internal.rtcp.RtcpReport;
import org.voxgate.bridge.internal.rtcp.RtcpWriter;
import org.voxgate.bridge.internal.rtp.DropReason;
import org.voxgate.bridge.internal.rtp.ReceiveStatistics;
import org.voxgate.bridge.internal.rtp.RtpPacket;
import org.voxgate.bridge.internal.rtp.SourceLatch;
import org.voxgate.bridge.internal.sdp.MediaSession;
import org.voxgate.bridge.internal.srtp.LegSrtp;
import org.voxgate.bridge.internal.tcp.TcpMediaLink;
import org.voxgate.bridge.internal.transport.UdpTransport;

/**
 * The receive side of a leg, confined to the leg's Netty event loop (RTP and RTCP channels are
 * registered on the same loop): parse, source check, demultiplex by payload type, RFC 4733 digits,
 * receiver statistics, and a timer for RTCP reports and the media timeout. Nothing here throws
 * past the handler: every refused datagram is counted by {@link DropReason}.
 */
final class LegReceiver {
    private static final Logger log = LoggerFactory.getLogger(LegReceiver.class);
    /** RFC 3551 section 4.5.3 / RFC 3389: comfort noise, accepted and ignored. */
    static final int COMFORT_NOISE_PT = 13;
    private static final long TIMER_PERIOD_MS = 100;

    private final DefaultMediaLeg leg;
    private final LegContext ctx;
    private final byte[] scratch = new byte[UdpTransport.MAX_DATAGRAM_BYTES];
    private final byte[] rtcpOut = new byte[512];
    private final RtpPacket packet = new RtpPacket();
    private final RtcpReport report = new RtcpReport();
    private final SourceLatch latch = new SourceLatch();
    /** Replaced when telephone-event is negotiated at another clock (48000 next to Opus). */
    private TelephoneEventReceiver telephoneEvents = new TelephoneEventReceiver(8000);
    private int telephoneEventClockRateHz = 8000;
    private final PacketHandoff handoff;
    private volatile ReceiveStatistics stats = new ReceiveStatistics(8000); // replaced on a new SSRC or clock
    private int statsClockRateHz = 8000;

    private long sessionGeneration = -1;
    private InetSocketAddress latchRemote;
    private boolean haveSsrc;
    private long remoteSsrc;
    private boolean restartPending;
    private volatile long lastMediaNanos;
    /** When the last telephone-event packet arrived; 0 for never. Read by the play-out thread. */
    private volatile long lastTelephoneEventNanos;
    private boolean timedOut;
    private long nextRtcpNanos;
    private long lastSrMiddle;
    private long lastSrArrivalNanos;
    private volatile double rttMs = -1;
    private ScheduledFuture<?> timer;

    LegReceiver(DefaultMediaLeg leg, LegContext ctx, PacketHandoff handoff) {
        this.leg = leg;
        this.ctx = ctx;
        this.handoff = handoff;
        this.report.localSsrc = leg.ssrc();
    }

    ChannelHandler rtpHandler() {
        return new Handler(false);
    }

    ChannelHandler rtcpHandler() {
        return new Handler(true);
    }

    /** Starts the RTCP/timeout timer on the RTP channel's loop. */
    void start(Channel rtpChannel) {
        timer = rtpChannel.eventLoop().scheduleAtFixedRate(this::onTimer, TIMER_PERIOD_MS, TIMER_PERIOD_MS,
                TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    InetSocketAddress sendTarget() {
        return latch.sendTarget();
    }

    InetSocketAddress rtcpSendTarget() {
        return latch.rtcpSendTarget();
    }

    long packetsReceived() {
        return stats.received();
    }

    long packetsLost() {
        return stats.lost();
    }

    double jitterMs() {
        return stats.jitterMs();
    }

    /** Whether a telephone-event packet arrived within {@code windowNanos} before {@code now}. */
    boolean telephoneEventSince(long now, long windowNanos) {
        long last = lastTelephoneEventNanos;
        return last != 0 && now - last < windowNanos;
    }

    double rttMs() {
        return rttMs;
    }

    private final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final boolean rtcpPort;

        Handler(boolean rtcpPort) {
            this.rtcpPort = rtcpPort;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext c, DatagramPacket msg) {
            ByteBuf content = msg.content();
            int n = content.readableBytes();
            if (n > scratch.length) {
                leg.drop(DropReason.TOO_LARGE);
                return;
            }
            if (leg.tcpLink() != null) {
                leg.drop(DropReason.WRONG_SOURCE); // media of this session runs over TCP
                return;
            }
            content.getBytes(content.readerIndex(), scratch, 0, n);
            process(n, msg.sender(), rtcpPort, false);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
            log.debug("leg {}: socket error", leg.id(), cause);
        }
    }

    /**
     * One RTP or RTCP packet from the leg's TCP connection (RFC 4571), on this leg's event loop.
     * The connection was matched to this leg already, so no source check or latching applies;
     * RTP and RTCP share it (RFC 5761).
     */
    void onTcpFrame(byte[] packet, int length, InetSocketAddress from) {
        if (length > scratch.length) {
            leg.drop(DropReason.TOO_LARGE);
            return;
        }
        System.arraycopy(packet, 0, scratch, 0, length);
        process(length, from, false, true);
    }

    private void process(int n, InetSocketAddress from, boolean rtcpPort, boolean tcp) {
        long now = ctx.clock().getAsLong();
        checkSession(now);
        // RFC 5761 section 4: RTCP packet types 192-223 cannot be RTP payload types 64-95.
        boolean looksRtcp = n >= 2 && (scratch[1] & 0xFF) >= 192 && (scratch[1] & 0xFF) <= 223;
        LegSrtp srtp = leg.srtp();
        if (srtp.secured()) {
            n = unprotect(srtp, rtcpPort, looksRtcp, from, n);
            if (n < 0) {
                return;
            }
        }
        if (rtcpPort || looksRtcp) {
            onRtcp(from, n, now, tcp);
        } else {
            onRtp(from, n, now, tcp);
        }
    }

    /**
     * The secure leg's first step (see the module README): DTLS to the handshake, SRTP/SRTCP
     * unprotected in place. RFC 7983 section 7 demultiplexes by the first byte:
     *
     * <pre>
     *   first byte   0..3    STUN        (no ICE here: dropped)
     *               20..63   DTLS        -> the leg's DTLS handshake
     *              128..191  RTP / RTCP  -> SRTP / SRTCP unprotect
     * </pre>
     *
     * @return the plain length, or -1 when the datagram was consumed or dropped (counted)
     */
    private int unprotect(LegSrtp srtp, boolean rtcpPort, boolean looksRtcp, InetSocketAddress from, int n) {
        boolean rtcp = rtcpPort || looksRtcp;
        int first = n > 0 ? scratch[0] & 0xFF : -1;
        if (first >= 20 && first <= 63) {
            if (!leg.dtls().onDatagram(rtcpPort, scratch, n, from)) {
                leg.drop(DropReason.DTLS_IGNORED);
            }
            return -1;
        }
        int plain = rtcp ? srtp.unprotectRtcp(scratch, n) : srtp.unprotectRtp(scratch, n);
        if (plain < 0) {
            leg.drop(DropReason.SRTP);
        }
        return plain;
    }

    /** Applies a new SDP exchange: a moved remote restarts latching and statistics. */
    private void checkSession(long now) {
        MediaSession s = leg.session();
        if (s == null || s.generation() == sessionGeneration) {
            return;
        }
        boolean moved = !java.util.Objects.equals(s.remoteRtp(), latchRemote);
        sessionGeneration = s.generation();
        if (moved) {
            latchRemote = s.remoteRtp();
            latch.reset(s.remoteRtp(), s.remoteRtcp(), now + ctx.tuning().latchWindowNanos());
        }
        if (lastMediaNanos == 0 || moved) {
            lastMediaNanos = now;
            timedOut = false;
        }
    }

    private void onRtp(InetSocketAddress from, int length, long now, boolean tcp) {
        DropReason r = packet.parse(scratch, 0, length);
        if (r != null) {
            leg.drop(r);
            return;
        }
        MediaSession s = leg.session();
        if (s == null) {
            leg.drop(DropReason.NO_REMOTE);
            return;
        }
        r = tcp ? null : latch.checkRtp(from, packet.ssrc(), packet.sequenceNumber(), now);
        if (r != null) {
            leg.drop(r);
            return;
        }
        lastMediaNanos = now;
        if (!s.direction().receives()) {
            leg.drop(DropReason.NOT_RECEIVING);
            return;
        }
        int pt = packet.payloadType();
        if (pt != s.payloadType() && pt != s.telephoneEventType() && pt != COMFORT_NOISE_PT) {
            leg.drop(DropReason.UNKNOWN_PAYLOAD_TYPE);
            return;
        }
        int clockRateHz = s.codec().rtpClockRateHz();
        if (!haveSsrc || packet.ssrc() != remoteSsrc || clockRateHz != statsClockRateHz) {
            // New source (first packet, re-INVITE, transfer) or codec clock: new statistics.
            if (haveSsrc || clockRateHz != statsClockRateHz) {
                stats = new ReceiveStatistics(clockRateHz);
                statsClockRateHz = clockRateHz;
            }
            haveSsrc = true;
            remoteSsrc = packet.ssrc();
            restartPending = true;
        }
        stats.onPacket(packet.sequenceNumber(), packet.timestamp(), now);
        if (pt == s.telephoneEventType()) {
            lastTelephoneEventNanos = now;
            if (s.telephoneEventClockRateHz() != telephoneEventClockRateHz) {
                telephoneEventClockRateHz = s.telephoneEventClockRateHz();
                telephoneEvents = new TelephoneEventReceiver(telephoneEventClockRateHz);
            }
            char digit = telephoneEvents.onPacket(packet.timestamp(), scratch, packet.payloadOffset(),
                    packet.payloadLength(), now);
            if (digit == TelephoneEventReceiver.MALFORMED) {
                leg.drop(DropReason.BAD_TELEPHONE_EVENT);
                return;
            }
            leg.markTelephoneEvents();
            if (digit != TelephoneEventReceiver.NONE) {
                leg.emitDtmf(digit, telephoneEvents.durationMs(), DtmfSource.RFC4733);
                char second = telephoneEvents.takePending();
                if (second != TelephoneEventReceiver.NONE) {
                    leg.emitDtmf(second, telephoneEvents.durationMs(), DtmfSource.RFC4733);
                }
            }
            return;
        }
        if (pt == COMFORT_NOISE_PT) {
            return;
        }
        if (!handoff.offer(packet.sequenceNumber(), packet.timestamp(), now, restartPending, scratch,
                packet.payloadOffset(), packet.payloadLength())) {
            leg.drop(packet.payloadLength() > handoff.maxPayloadBytes() ? DropReason.TOO_LARGE : DropReason.QUEUE_FULL);
            return;
        }
        restartPending = false;
    }

    private void onRtcp(InetSocketAddress from, int length, long now, boolean tcp) {
        DropReason r = tcp ? null : latch.checkRtcp(from);
        if (r != null) {
            leg.drop(r);
            return;
        }
        r = RtcpParser.parse(scratch, 0, length, report);
        if (r != null) {
            leg.drop(r);
            return;
        }
        lastMediaNanos = now;
        if (report.senderReport) {
            lastSrMiddle = RtcpWriter.middle32(report.ntpTimestamp);
            lastSrArrivalNanos = now;
        }
        if (report.hasBlock && report.lastSrTimestamp != 0) {
            // RFC 3550 section 6.4.1: RTT = A - LSR - DLSR, in 1/65536 s.
            long a = RtcpWriter.middle32(RtcpWriter.ntpTimestamp(System.currentTimeMillis()));
            long rtt = (a - report.lastSrTimestamp - report.delaySinceLastSr) & 0xFFFF_FFFFL;
            if (rtt < 65536L * 10) {
                rttMs = rtt * 1000.0 / 65536;
            }
        }
    }

    private void onTimer() {
        try {
            long now = ctx.clock().getAsLong();
            checkSession(now);
            MediaSession s = leg.session();
            if (s == null || leg.isClosed()) {
                return;
            }
            char digit = telephoneEvents.expire(now);
            if (digit != TelephoneEventReceiver.NONE) {
                leg.emitDtmf(digit, telephoneEvents.durationMs(), DtmfSource.RFC4733);
            }
            if (!s.direction().receives()) {
                // Held with inactive, or the peer only receives: it has nothing to send, so
                // silence is no sign of a dead call. The clock restarts when media may flow again.
                lastMediaNanos = now;
            }
            if (!timedOut && now - lastMediaNanos > ctx.config().mediaTimeout().toNanos()) {
                timedOut = true;
                leg.fireMediaTimeout();
            }
            if (now - nextRtcpNanos >= 0) {
                sendRtcp(now);
                long interval = ctx.tuning().rtcpIntervalNanos();
                // RFC 3550 section 6.3.1: randomize the interval over [0.5, 1.5] of its value.
                nextRtcpNanos = now + (long) (interval * (0.5 + ThreadLocalRandom.current().nextDouble()));
            }
        } catch (RuntimeException e) {
            log.warn("leg {}: timer failed", leg.id(), e);
        }
    }

    private void sendRtcp(long now) {
        InetSocketAddress target = latch.rtcpSendTarget();
        Channel ch = leg.rtcpChannel();
        TcpMediaLink tcp = leg.tcpLink();
        if (tcp != null ? !tcp.connected() : target == null || ch == null || !ch.isActive()) {
            return;
        }
        RtpSender sender = leg.sender();
        RtcpWriter.SenderInfo info = null;
        if (sender.packetsSent > 0) {
            MediaSession ms = leg.session();
            int clock = ms == null ? 8000 : ms.codec().rtpClockRateHz();
            long rtpTs = sender.lastTimestamp + (now - sender.lastSendNanos) * clock / 1_000_000_000L;
            info = new RtcpWriter.SenderInfo(RtcpWriter.ntpTimestamp(System.currentTimeMillis()),
                    rtpTs & 0xFFFF_FFFFL, sender.packetsSent, sender.octetsSent);
        }
        RtcpWriter.ReportBlock block = null;
        if (haveSsrc && stats.started()) {
            long dlsr = lastSrArrivalNanos == 0 ? 0 : (now - lastSrArrivalNanos) * 65536 / 1_000_000_000L;
            block = new RtcpWriter.ReportBlock(remoteSsrc, stats.takeFractionLost(), stats.lost(),
                    stats.extendedHighestSeq() & 0xFFFF_FFFFL, (long) stats.jitterSamples(), lastSrMiddle,
                    lastSrMiddle == 0 ? 0 : dlsr);
        }
        int n = RtcpWriter.write(rtcpOut, sender.ssrc(), info, block, ctx.cname());
        LegSrtp srtp = leg.srtp();
        if (srtp.secured()) {
            n = n + LegSrtp.MAX_OVERHEAD_BYTES <= rtcpOut.length ? srtp.protectRtcp(rtcpOut, n) : -1;
            if (n < 0) {
                return; // no keys (yet): no RTCP in the clear
            }
        }
        if (tcp != null) {
            tcp.send(rtcpOut, 0, n); // RTCP shares the TCP connection (RFC 5761); a full queue drops it
            return;
        }
        ByteBuf buf = ch.alloc().directBuffer(n);
        buf.writeBytes(rtcpOut, 0, n);
        ch.writeAndFlush(new DatagramPacket(buf, target), ch.voidPromise());
    }
}
