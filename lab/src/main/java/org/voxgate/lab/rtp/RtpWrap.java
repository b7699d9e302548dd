package org.voxgate.lab.rtp;

/**
 * Wrap arithmetic on RTP sequence numbers (16 bits) and timestamps (32 bits, RFC 3550 5.1):
 * the one place the lab's generators do it, so no code compares wrapping fields inline.
 */
public final class RtpWrap {
    private RtpWrap() {}

    /** Signed distance from {@code from} to {@code to}, both 16-bit sequence numbers, in [-32768, 32767]. */
    public static int sequenceDistance(int from, int to) {
        return (short) ((to - from) & 0xFFFF);
    }

    /**
     * The extended (RFC 3550 A.1) sequence number of {@code seq16}: the value nearest to
     * {@code referenceExtended} with those low 16 bits.
     */
    public static long extendSequence(long referenceExtended, int seq16) {
        return referenceExtended + sequenceDistance((int) (referenceExtended & 0xFFFF), seq16 & 0xFFFF);
    }

    /** Signed distance from {@code from} to {@code to}, both unsigned 32-bit timestamps, modulo 2^32. */
    public static long timestampDistance(long from, long to) {
        return (int) ((to - from) & 0xFFFF_FFFFL);
    }
}
