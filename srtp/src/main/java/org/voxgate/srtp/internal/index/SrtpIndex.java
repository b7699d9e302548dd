package org.voxgate.srtp.internal.index;

/**
 * All wrap arithmetic on RTP sequence numbers and the 48-bit SRTP packet index lives here.
 *
 * <p>Index estimation follows RFC 3711 section 3.3.1 and Appendix A: given the highest index
 * accepted so far ({@code ROC || s_l}) and a received 16-bit sequence number, guess the ROC the
 * sender used:
 *
 * <pre>
 *   if s_l &lt; 2^15:  v = (SEQ - s_l &gt; 2^15) ? ROC - 1 : ROC
 *   else:           v = (s_l - 2^15 &gt; SEQ) ? ROC + 1 : ROC
 *   i = 2^16 * v + SEQ
 * </pre>
 */
public final class SrtpIndex {
    /** 2^48: SRTP indexes are 48 bits (RFC 3711 section 3.3.1). */
    public static final long INDEX_LIMIT = 1L << 48;
    /** 2^31: SRTCP indexes are 31 bits (RFC 3711 section 3.4). */
    public static final int SRTCP_INDEX_LIMIT = Integer.MAX_VALUE;

    private static final int HALF = 1 << 15;

    private SrtpIndex() {}

    /**
     * Estimates the packet index for {@code seq}.
     *
     * @param highest    the highest index accepted so far (ROC &lt;&lt; 16 | s_l), or -1 for none
     * @param initialRoc the ROC to assume for the first packet of a stream (normally 0)
     * @param seq        the received sequence number, 0..65535
     * @return the estimated 48-bit index; -1 if it would precede index 0 (a packet from before
     *         the stream began); {@link #INDEX_LIMIT} if it would pass 2^48 - 1
     */
    public static long estimate(long highest, int initialRoc, int seq) {
        if (highest < 0) {
            return ((initialRoc & 0xFFFF_FFFFL) << 16) | seq;
        }
        long roc = highest >>> 16;
        int sl = (int) (highest & 0xFFFF);
        long v;
        if (sl < HALF) {
            v = (seq - sl > HALF) ? roc - 1 : roc;
        } else {
            v = (sl - HALF > seq) ? roc + 1 : roc;
        }
        if (v < 0) {
            return -1;
        }
        if (v > 0xFFFF_FFFFL) {
            return INDEX_LIMIT;
        }
        return (v << 16) | seq;
    }

    /** The ROC part of an index. */
    public static int roc(long index) {
        return (int) (index >>> 16);
    }

    /** The sequence number part of an index. */
    public static int seq(long index) {
        return (int) (index & 0xFFFF);
    }

    /** Signed distance from {@code a} to {@code b} on the 16-bit circle: b - a in [-32768, 32767]. */
    public static int distance(int a, int b) {
        return (short) (b - a);
    }
}
