package org.voxgate.bridge.internal.srtp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLongArray;

import org.voxgate.srtp.SrtpContext;
import org.voxgate.srtp.SrtpPacket;
import org.voxgate.srtp.SrtpStatus;

/**
 * The SRTP contexts one leg uses right now, and the packet-path calls on them.
 *
 * <p>Four roles: RTP receive, RTP send, RTCP receive, RTCP send. With SDES, and with DTLS when
 * RTP and RTCP share a handshake, both receive roles are one context under the peer's key. With
 * DTLS on separate RTP and RTCP ports, each port has its own handshake and keys (RFC 5764
 * section 4.1), and the RTCP contexts may arrive later than the RTP ones: until then no RTCP
 * is sent and none accepted.
 *
 * <p>Threads (see docs/concurrency.md): the receiving contexts are used only on the leg's event
 * loop (SRTP and SRTCP unprotect); the RTP sending context only by the thread holding the
 * leg's play-out lock; the RTCP sending context only on the event loop (RTCP reports are sent
 * from the receive side's timer). The two sending contexts are built from the same master key
 * but one only ever protects RTP and the other only RTCP: SRTP and SRTCP derive different
 * session keys from it (RFC 3711 section 4.3.1, labels 0x00-0x02 and 0x03-0x05), and each index
 * space stays in one context, so no (key, index) pair is ever used twice.
 *
 * <p>Contexts are published through volatile fields by signalling ({@link #install}); a retired
 * context is closed on the thread that used it ({@link Threads}), so its keys are wiped without
 * racing a packet in flight.
 */
public final class LegSrtp {
    /** Bytes protect may add: MKI (none here) plus the largest tag, plus the SRTCP index. */
    public static final int MAX_OVERHEAD_BYTES = 32;

    /** Where retired contexts are closed. */
    public interface Threads {
        /** Runs on the leg's event loop (receive side). */
        Executor eventLoop();

        /** Runs while holding the leg's play-out lock. */
        void underPlayoutLock(Runnable r);
    }

    /** State of the leg's protection. */
    public enum Mode {
        /** Plain RTP: nothing to protect. */
        PLAIN,
        /** SRTP negotiated, keys not known yet (DTLS handshake running): nothing is sent or accepted. */
        PENDING,
        /** SRTP with keys in place. */
        ACTIVE,
        /** Keying failed: the leg's media has ended; nothing is sent or accepted. */
        FAILED
    }

    private final Threads threads;
    private final AtomicLongArray refused = new AtomicLongArray(SrtpStatus.COUNT);
    private final SrtpPacket receivePacket = new SrtpPacket(); // event loop
    private final SrtpPacket rtcpPacket = new SrtpPacket();    // event loop
    private final SrtpPacket sendPacket = new SrtpPacket();    // play-out
    private volatile Mode mode = Mode.PLAIN;
    private volatile SrtpContext receive;
    private volatile SrtpContext sendRtp;
    private volatile SrtpContext receiveRtcp;
    private volatile SrtpContext sendRtcp;
    private volatile boolean closed;

    public LegSrtp(Threads threads) {
        this.threads = threads;
    }

    public Mode mode() {
        return mode;
    }

    /** True when packets must go through SRTP (or be dropped): anything but {@link Mode#PLAIN}. */
    public boolean secured() {
        return mode != Mode.PLAIN;
    }

    /**
     * Unprotects an SRTP packet in place (event loop only).
     *
     * @return the RTP length, or -1 when refused (counted by status; the packet must be dropped)
     */
    public int unprotectRtp(byte[] buf, int length) {
        SrtpContext c = receive;
        if (c == null || mode != Mode.ACTIVE) {
            refused.incrementAndGet(SrtpStatus.CLOSED.ordinal());
            return -1;
        }
        SrtpStatus s = c.unprotect(receivePacket.set(buf, 0, length));
        if (s != SrtpStatus.OK) {
            refused.incrementAndGet(s.ordinal());
            return -1;
        }
        return receivePacket.length();
    }

    /** Unprotects an SRTCP packet in place (event loop only); -1 when refused (counted). */
    public int unprotectRtcp(byte[] buf, int length) {
        SrtpContext c = receiveRtcp;
        if (c == null || mode != Mode.ACTIVE) {
            refused.incrementAndGet(SrtpStatus.CLOSED.ordinal());
            return -1;
        }
        SrtpStatus s = c.unprotectRtcp(rtcpPacket.set(buf, 0, length));
        if (s != SrtpStatus.OK) {
            refused.incrementAndGet(s.ordinal());
            return -1;
        }
        return rtcpPacket.length();
    }

    /**
     * Protects an RTP packet in place (play-out lock held); {@code buf} has
     * {@link #MAX_OVERHEAD_BYTES} of room after it.
     *
     * @return the SRTP length, or -1 when it must not be sent (no keys yet, failed, refused)
     */
    public int protectRtp(byte[] buf, int length) {
        SrtpContext c = sendRtp;
        if (c == null || mode != Mode.ACTIVE) {
            return -1;
        }
        return c.protect(sendPacket.set(buf, 0, length)) == SrtpStatus.OK ? sendPacket.length() : -1;
    }

    /** Protects an RTCP compound packet in place (event loop only); -1 when it must not be sent. */
    public int protectRtcp(byte[] buf, int length) {
        SrtpContext c = sendRtcp;
        if (c == null || mode != Mode.ACTIVE) {
            return -1;
        }
        return c.protectRtcp(rtcpPacket.set(buf, 0, length)) == SrtpStatus.OK ? rtcpPacket.length() : -1;
    }

    /** Packets refused on receive with {@code status} (no keys yet or failed counts as CLOSED). */
    public long refused(SrtpStatus status) {
        return refused.get(status.ordinal());
    }

    /** All packets refused on receive. */
    public long refusedTotal() {
        long n = 0;
        for (int i = 0; i < refused.length(); i++) {
            n += refused.get(i);
        }
        return n;
    }

    /**
     * Puts new contexts in place; a null argument keeps the current one of that role. The
     * replaced contexts are closed on their threads. Contexts given after {@link #close()} are
     * closed at once. The mode becomes {@link Mode#ACTIVE} once both RTP roles have a context.
     *
     * @param newReceiveRtcp may be {@code newReceive} itself (one key for SRTP and SRTCP)
     */
    public synchronized void install(SrtpContext newReceive, SrtpContext newSendRtp, SrtpContext newReceiveRtcp,
                                     SrtpContext newSendRtcp) {
        if (closed) {
            closeQuietly(newReceive, newSendRtp, newReceiveRtcp, newSendRtcp);
            return;
        }
        SrtpContext[] old = {receive, sendRtp, receiveRtcp, sendRtcp};
        if (newReceive != null) {
            receive = newReceive;
        }
        if (newSendRtp != null) {
            sendRtp = newSendRtp;
        }
        if (newReceiveRtcp != null) {
            receiveRtcp = newReceiveRtcp;
        }
        if (newSendRtcp != null) {
            sendRtcp = newSendRtcp;
        }
        if (mode != Mode.FAILED) {
            mode = receive != null && sendRtp != null ? Mode.ACTIVE : Mode.PENDING;
        }
        retire(old);
    }

    /** SDES: one receiving context for SRTP and SRTCP, two sending ones. Nulls keep. */
    public void install(SrtpContext newReceive, SrtpContext newSendRtp, SrtpContext newSendRtcp) {
        install(newReceive, newSendRtp, newReceive, newSendRtcp);
    }

    /** No SRTP any more (plain RTP negotiated); the contexts are retired. */
    public synchronized void clear() {
        mode = Mode.PLAIN;
        retireAll();
    }

    /** SRTP negotiated, keys to come: nothing flows until {@link #install}. */
    public synchronized void pending() {
        mode = Mode.PENDING;
        retireAll();
    }

    /** Keying failed: nothing flows any more on this leg. */
    public synchronized void fail() {
        mode = Mode.FAILED;
        retireAll();
    }

    /** Wipes every key (leg closed). Idempotent. */
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (mode != Mode.PLAIN) {
            mode = Mode.FAILED;
        }
        retireAll();
    }

    private void retireAll() {
        SrtpContext[] old = {receive, sendRtp, receiveRtcp, sendRtcp};
        receive = null;
        sendRtp = null;
        receiveRtcp = null;
        sendRtcp = null;
        retire(old);
    }

    /** Closes those of {@code old} (receive, sendRtp, receiveRtcp, sendRtcp) that are no longer in use. */
    private void retire(SrtpContext[] old) {
        SrtpContext[] now = {receive, sendRtp, receiveRtcp, sendRtcp};
        List<SrtpContext> onLoop = new ArrayList<>();
        SrtpContext playout = null;
        for (int i = 0; i < old.length; i++) {
            SrtpContext c = old[i];
            if (c == null || contains(now, c) || onLoop.contains(c)) {
                continue;
            }
            if (i == 1) {
                playout = c;
            } else {
                onLoop.add(c);
            }
        }
        if (!onLoop.isEmpty()) {
            Runnable wipe = () -> onLoop.forEach(SrtpContext::close);
            try {
                threads.eventLoop().execute(wipe);
            } catch (RuntimeException e) {
                wipe.run(); // the event loop is gone: no packet can be in flight on it
            }
        }
        if (playout != null) {
            threads.underPlayoutLock(playout::close);
        }
    }

    private static boolean contains(SrtpContext[] array, SrtpContext c) {
        for (SrtpContext x : array) {
            if (x == c) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(SrtpContext... contexts) {
        for (SrtpContext c : contexts) {
            if (c != null) {
                c.close();
            }
        }
    }
}
