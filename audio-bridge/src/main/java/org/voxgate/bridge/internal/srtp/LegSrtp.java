package org.voxgate.bridge.internal.srtp;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLongArray;

import org.voxgate.srtp.SrtpContext;
import org.voxgate.srtp.SrtpPacket;
import org.voxgate.srtp.SrtpStatus;

/**
 * The SRTP contexts one leg uses right now, and the packet-path calls on them.
 *
 * <p>Threads (see docs/concurrency.md): the receiving context is used only on the leg's event
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
        SrtpContext c = receive;
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
     * Puts new contexts in place; a null argument keeps the current one of that direction. The
     * replaced contexts are closed on their threads. Contexts given after {@link #close()} are
     * closed at once.
     */
    public synchronized void install(SrtpContext newReceive, SrtpContext newSendRtp, SrtpContext newSendRtcp) {
        if (closed) {
            closeQuietly(newReceive, newSendRtp, newSendRtcp);
            return;
        }
        SrtpContext oldReceive = null;
        SrtpContext oldSendRtp = null;
        SrtpContext oldSendRtcp = null;
        if (newReceive != null) {
            oldReceive = receive;
            receive = newReceive;
        }
        if (newSendRtp != null) {
            oldSendRtp = sendRtp;
            sendRtp = newSendRtp;
        }
        if (newSendRtcp != null) {
            oldSendRtcp = sendRtcp;
            sendRtcp = newSendRtcp;
        }
        mode = receive != null && sendRtp != null && sendRtcp != null ? Mode.ACTIVE : Mode.PENDING;
        retire(oldReceive, oldSendRtp, oldSendRtcp);
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
        SrtpContext r = receive;
        SrtpContext s = sendRtp;
        SrtpContext c = sendRtcp;
        receive = null;
        sendRtp = null;
        sendRtcp = null;
        retire(r, s, c);
    }

    private void retire(SrtpContext oldReceive, SrtpContext oldSendRtp, SrtpContext oldSendRtcp) {
        if (oldReceive != null || oldSendRtcp != null) {
            Runnable wipe = () -> closeQuietly(oldReceive, oldSendRtcp);
            try {
                threads.eventLoop().execute(wipe);
            } catch (RuntimeException e) {
                wipe.run(); // the event loop is gone: no packet can be in flight on it
            }
        }
        if (oldSendRtp != null) {
            threads.underPlayoutLock(oldSendRtp::close);
        }
    }

    private static void closeQuietly(SrtpContext... contexts) {
        for (SrtpContext c : contexts) {
            if (c != null) {
                c.close();
            }
        }
    }
}
