package org.voxgate.bridge.internal.tcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One leg's side of RTP over TCP for one negotiated session: what a connection must look like to
 * belong to the leg (see {@link PendingTcpLegs}), the connection once there is one, and the
 * hand-off of received frames to the leg's event loop.
 *
 * <p>Threads: frames arrive on the connection's event loop and are copied into a small bounded
 * ring; one reusable task drains it on the leg's event loop, so the leg's receive path stays
 * confined to its loop as with UDP. Sending goes straight to the connection's bounded queue
 * ({@link TcpMediaConnection#send}) from whichever thread sends (play-out lock holder for RTP, the
 * leg's loop for RTCP). Nothing here allocates per packet.
 */
public final class TcpMediaLink {
    /** Our a=setup role (RFC 4145 section 4). */
    public enum Role {
        /** We listen (on the shared port); the peer connects. */
        PASSIVE,
        /** We connect to the peer's address and port. */
        ACTIVE
    }

    /** The leg's receive path, called on the leg's event loop with one RTP or RTCP packet. */
    @FunctionalInterface
    public interface Receiver {
        void onTcpFrame(byte[] packet, int length, InetSocketAddress from);
    }

    private static final int RING_SLOTS = 16;
    private static final AtomicLong ORDER = new AtomicLong();

    private final String legId;
    private final Role role;
    private final boolean tls;
    private final InetAddress expectedAddress;
    private final long[] ssrcs;
    private final InetSocketAddress activeTarget;
    private final Executor legLoop;
    private final Receiver receiver;
    private final long order = ORDER.incrementAndGet();

    private final byte[][] ring;
    private final int[] ringLength;
    private final byte[] drainBuffer;
    private int ringHead;
    private int ringCount;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private final AtomicLong inboundDrops = new AtomicLong();

    private volatile TcpMediaConnection connection;
    private volatile boolean closed;

    /**
     * @param expectedAddress the c= address of the offer (the peer's, unless NAT)
     * @param ssrcs           the offer's a=ssrc ids; empty when it had none
     * @param activeTarget    where we connect when {@code role} is ACTIVE, else null
     * @param maxPacketBytes  largest packet handed to the leg
     */
    public TcpMediaLink(String legId, Role role, boolean tls, InetAddress expectedAddress, List<Long> ssrcs,
                        InetSocketAddress activeTarget, Executor legLoop, Receiver receiver, int maxPacketBytes) {
        this.legId = legId;
        this.role = role;
        this.tls = tls;
        this.expectedAddress = expectedAddress;
        this.ssrcs = ssrcs.stream().mapToLong(Long::longValue).toArray();
        this.activeTarget = activeTarget;
        this.legLoop = legLoop;
        this.receiver = receiver;
        this.ring = new byte[RING_SLOTS][maxPacketBytes];
        this.ringLength = new int[RING_SLOTS];
        this.drainBuffer = new byte[maxPacketBytes];
    }

    public String legId() {
        return legId;
    }

    public Role role() {
        return role;
    }

    /** Whether the connection must speak TLS (TCP/TLS/RTP/AVP). */
    public boolean tls() {
        return tls;
    }

    InetAddress expectedAddress() {
        return expectedAddress;
    }

    boolean hasSsrcs() {
        return ssrcs.length > 0;
    }

    boolean announces(long ssrc) {
        for (long s : ssrcs) {
            if (s == ssrc) {
                return true;
            }
        }
        return false;
    }

    long order() {
        return order;
    }

    InetSocketAddress activeTarget() {
        return activeTarget;
    }

    /** Whether a connection carries this leg's media now. */
    public boolean connected() {
        TcpMediaConnection c = connection;
        return c != null && c.isOpen();
    }

    /** The connected peer, or null. */
    public InetSocketAddress remote() {
        TcpMediaConnection c = connection;
        return c == null ? null : c.remote();
    }

    /** Packets refused on the way in because the leg's loop fell behind. */
    public long inboundDrops() {
        return inboundDrops.get();
    }

    /** Packets the connection's send queue dropped (slow client), over this link's connections. */
    public long sendDrops() {
        TcpMediaConnection c = connection;
        return c == null ? 0 : c.sendDrops();
    }

    /**
     * Queues one RTP or RTCP packet for the peer; never blocks.
     *
     * @return false when there is no connection or its queue is full (counted by the connection)
     */
    public boolean send(byte[] packet, int offset, int length) {
        TcpMediaConnection c = connection;
        return c != null && c.send(packet, offset, length);
    }

    /** Binds a matched or connected connection; a previous one is closed. */
    void attach(TcpMediaConnection c) {
        TcpMediaConnection old;
        synchronized (this) {
            if (closed) {
                c.close();
                return;
            }
            old = connection;
            connection = c;
        }
        if (old != null && old != c) {
            old.close();
        }
    }

    void detach(TcpMediaConnection c) {
        synchronized (this) {
            if (connection == c) {
                connection = null;
            }
        }
    }

    /** Called on the connection's loop for each packet; the leg gets it on its own loop. */
    void offer(byte[] packet, int offset, int length) {
        synchronized (ring) {
            if (ringCount == RING_SLOTS || length > drainBuffer.length) {
                inboundDrops.incrementAndGet();
                return;
            }
            int i = (ringHead + ringCount) % RING_SLOTS;
            System.arraycopy(packet, offset, ring[i], 0, length);
            ringLength[i] = length;
            ringCount++;
        }
        if (drainScheduled.compareAndSet(false, true)) {
            legLoop.execute(drainTask);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        while (!closed) {
            int n;
            synchronized (ring) {
                if (ringCount == 0) {
                    return;
                }
                n = ringLength[ringHead];
                System.arraycopy(ring[ringHead], 0, drainBuffer, 0, n);
                ringHead = (ringHead + 1) % RING_SLOTS;
                ringCount--;
            }
            InetSocketAddress from = remote();
            receiver.onTcpFrame(drainBuffer, n, from);
        }
    }

    /** Ends this link: closes its connection; later connections are refused. Idempotent. */
    public void close() {
        TcpMediaConnection c;
        synchronized (this) {
            closed = true;
            c = connection;
            connection = null;
        }
        if (c != null) {
            c.close();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "tcp link of leg " + legId + " (" + role + (tls ? ", TLS" : "") + ")";
    }
}
