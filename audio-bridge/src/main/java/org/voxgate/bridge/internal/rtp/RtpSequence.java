package org.voxgate.bridge.internal.rtp;

/**
 * The one place for wrap-around arithmetic on RTP sequence numbers (16 bits) and timestamps
 * (32 bits), RFC 3550 sections 5.1 and appendix A.1. Nothing else compares wrapping fields
 * with {@code <}.
 */
public final class RtpSequence {
    /** Sequence numbers per cycle (RFC 3550 section 5.1: 16-bit field). */
    public static final int SEQ_MOD = 1 << 16;

    private RtpSequence() {}

    /**
     * Signed distance from {@code from} to {@code to} on the 16-bit circle, in -32768..32767.
     * Positive when {@code to} is newer.
     */
    public static int distance(int from, int to) {
        return (short) ((to - from) & 0xFFFF);
    }

    /** Negative, zero or positive as {@code a} is older than, equal to, or newer than {@code b}. */
    public static int compare(int a, int b) {
        return -distance(a, b);
    }

    /** The 16-bit sequence number after {@code seq}. */
    public static int next(int seq) {
        return (seq + 1) & 0xFFFF;
    }

    /**
     * Extends a 16-bit sequence number to 64 bits, relative to a reference extended number
     * (usually the highest seen): picks the cycle that puts it closest to the reference.
     */
    public static long extend(long referenceExtended, int seq16) {
        return referenceExtended + distance((int) (referenceExtended & 0xFFFF), seq16 & 0xFFFF);
    }

    /** Signed distance between two 32-bit timestamps (held in ints or widened longs). */
    public static int timestampDistance(long from, long to) {
        return (int) (to - from);
    }

    /** Extends a 32-bit timestamp relative to a reference extended timestamp. */
    public static long extendTimestamp(long referenceExtended, long ts32) {
        return referenceExtended + timestampDistance(referenceExtended & 0xFFFF_FFFFL, ts32 & 0xFFFF_FFFFL);
    }
}
