package org.voxgate.srtp.internal.index;

import java.util.Arrays;

/**
 * Sliding replay window over packet indexes (RFC 3711 section 3.3.2): remembers which of the
 * last {@code size} indexes up to the highest one were accepted. {@link #check} is read-only;
 * {@link #accept} commits, and is called only after the packet authenticated. No allocation
 * after construction. Not thread-safe.
 */
public final class ReplayWindow {
    /** Results of {@link #check}. */
    public static final int NEW = 0;
    public static final int REPLAYED = 1;
    public static final int TOO_OLD = 2;

    private final int size;
    private final long[] bits;
    private final int mask;
    private long highest = -1;

    /** @param size window in packets, at least 1; rounded up to a power of two for the bitmap */
    public ReplayWindow(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size " + size);
        }
        this.size = size;
        int slots = Integer.highestOneBit(Math.max(64, size - 1) * 2);
        this.bits = new long[slots / 64];
        this.mask = slots - 1;
    }

    /** The highest index accepted, or -1 when none was. */
    public long highest() {
        return highest;
    }

    /** Resets to "nothing accepted yet" with this highest index (used to preset a ROC). */
    public void reset(long newHighest) {
        Arrays.fill(bits, 0L);
        highest = newHighest;
        if (newHighest >= 0) {
            set(newHighest);
        }
    }

    /** {@link #NEW}, {@link #REPLAYED} or {@link #TOO_OLD}; changes nothing. */
    public int check(long index) {
        if (highest < 0 || index > highest) {
            return NEW;
        }
        long delta = highest - index;
        if (delta >= size) {
            return TOO_OLD;
        }
        return isSet(index) ? REPLAYED : NEW;
    }

    /** Records {@code index} as accepted. Call only after {@link #check} returned NEW. */
    public void accept(long index) {
        if (highest < 0) {
            highest = index;
            set(index);
            return;
        }
        if (index > highest) {
            long advance = index - highest;
            if (advance > mask) {
                Arrays.fill(bits, 0L);
            } else {
                for (long i = highest + 1; i < index; i++) {
                    clear(i);
                }
            }
            highest = index;
        }
        set(index);
    }

    private boolean isSet(long index) {
        int slot = (int) (index & mask);
        return (bits[slot >>> 6] & (1L << (slot & 63))) != 0;
    }

    private void set(long index) {
        int slot = (int) (index & mask);
        bits[slot >>> 6] |= 1L << (slot & 63);
    }

    private void clear(long index) {
        int slot = (int) (index & mask);
        bits[slot >>> 6] &= ~(1L << (slot & 63));
    }
}
