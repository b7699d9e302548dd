package org.voxgate.bridge.internal.leg;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Single-producer, single-consumer ring that carries audio payloads from a leg's event loop to
 * its play-out thread. Slots are preallocated; {@link #offer} and {@link #poll} allocate nothing.
 * The producer is the leg's event loop; the consumer is whichever thread holds the leg's
 * play-out lock.
 */
final class PacketHandoff {
    private final int mask;
    private final int[] seq;
    private final long[] timestamp;
    private final long[] arrival;
    private final boolean[] newStream;
    private final int[] length;
    private final byte[][] data;
    private final AtomicLong head = new AtomicLong(); // next to read
    private final AtomicLong tail = new AtomicLong(); // next to write

    // Filled by poll() for the consumer.
    int polledSeq;
    long polledTimestamp;
    long polledArrival;
    boolean polledNewStream;
    int polledLength;

    PacketHandoff(int capacityPowerOfTwo, int maxPayloadBytes) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two");
        }
        mask = capacityPowerOfTwo - 1;
        seq = new int[capacityPowerOfTwo];
        timestamp = new long[capacityPowerOfTwo];
        arrival = new long[capacityPowerOfTwo];
        newStream = new boolean[capacityPowerOfTwo];
        length = new int[capacityPowerOfTwo];
        data = new byte[capacityPowerOfTwo][maxPayloadBytes];
    }

    int maxPayloadBytes() {
        return data[0].length;
    }

    /** @return false when full or the payload is too large */
    boolean offer(int seq16, long ts, long arrivalNanos, boolean restart, byte[] buf, int off, int len) {
        long t = tail.get();
        if (t - head.get() > mask || len > data[0].length) {
            return false;
        }
        int i = (int) (t & mask);
        seq[i] = seq16;
        timestamp[i] = ts;
        arrival[i] = arrivalNanos;
        newStream[i] = restart;
        length[i] = len;
        System.arraycopy(buf, off, data[i], 0, len);
        tail.lazySet(t + 1); // publish the slot
        return true;
    }

    /** Takes the oldest packet into the polled* fields and {@code out}; false when empty. */
    boolean poll(byte[] out) {
        long h = head.get();
        if (h == tail.get()) {
            return false;
        }
        int i = (int) (h & mask);
        polledSeq = seq[i];
        polledTimestamp = timestamp[i];
        polledArrival = arrival[i];
        polledNewStream = newStream[i];
        polledLength = length[i];
        System.arraycopy(data[i], 0, out, 0, polledLength);
        head.lazySet(h + 1); // free the slot
        return true;
    }
}
