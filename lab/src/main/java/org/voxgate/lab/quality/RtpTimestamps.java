package org.voxgate.lab.quality;

/** Wrap arithmetic on 32-bit RTP timestamps (RFC 3550 5.1), the one place the lab does it. */
final class RtpTimestamps {
    private RtpTimestamps() {}

    /** Signed distance from {@code from} to {@code to}, both unsigned 32-bit, modulo 2^32. */
    static long distance(long from, long to) {
        return (int) ((to - from) & 0xFFFF_FFFFL);
    }
}
