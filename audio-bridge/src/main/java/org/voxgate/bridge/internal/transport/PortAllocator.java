package org.voxgate.bridge.internal.transport;

import java.util.BitSet;

/**
 * Hands out RTP ports (even; RTCP takes the next odd port) from a configured range, round
 * robin so a released pair is not reused at once (late packets of the old call would land in
 * the new one). Thread-safe.
 */
public final class PortAllocator {
    private final int firstEven;
    private final int pairs;
    private final BitSet used;
    private int cursor;
    private int inUse;

    /** @throws IllegalArgumentException when the range holds no even/odd pair */
    public PortAllocator(int portMin, int portMax) {
        this.firstEven = (portMin + 1) & ~1;
        this.pairs = (portMax - firstEven + 1) / 2;
        if (pairs < 1) {
            throw new IllegalArgumentException("no RTP/RTCP port pair in " + portMin + ".." + portMax);
        }
        this.used = new BitSet(pairs);
    }

    /** The next free RTP port, or -1 when every pair is taken. */
    public synchronized int acquire() {
        if (inUse == pairs) {
            return -1;
        }
        int i = used.nextClearBit(cursor);
        if (i >= pairs) {
            i = used.nextClearBit(0);
        }
        used.set(i);
        inUse++;
        cursor = i + 1 >= pairs ? 0 : i + 1;
        return firstEven + 2 * i;
    }

    /** Gives back a port from {@link #acquire()}. */
    public synchronized void release(int rtpPort) {
        int i = (rtpPort - firstEven) / 2;
        if (i < 0 || i >= pairs || (rtpPort & 1) != 0 || !used.get(i)) {
            throw new IllegalArgumentException("port not allocated here: " + rtpPort);
        }
        used.clear(i);
        inUse--;
    }

    public synchronized int inUse() {
        return inUse;
    }

    public int capacity() {
        return pairs;
    }
}
