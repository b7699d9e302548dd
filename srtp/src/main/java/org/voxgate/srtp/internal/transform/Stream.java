package org.voxgate.srtp.internal.transform;

import org.voxgate.srtp.internal.index.ReplayWindow;

/**
 * State of one SSRC in one direction: the RTP index window (highest index = ROC || s_l, plus
 * replay bitmap), the SRTCP window or next SRTCP index, and counters by status ordinal.
 * On the sending side the RTP window refuses to reuse an index, so a (key, IV) pair is never
 * used twice.
 */
public final class Stream {
    public final int ssrc;
    public final ReplayWindow rtp;
    public final ReplayWindow rtcp;
    public final long[] counts;
    /** ROC assumed for the first packet (RFC 3711 section 3.3.1: normally 0, or signalled). */
    public int initialRoc;
    /**
     * Sending side: the SRTCP index the next SRTCP packet gets. Starts at 1, as libsrtp and pion
     * do; the index travels in the packet, so any receiver accepts it.
     */
    public long nextSrtcpIndex = 1;

    public Stream(int ssrc, int window, int statusCount) {
        this.ssrc = ssrc;
        this.rtp = new ReplayWindow(window);
        this.rtcp = new ReplayWindow(window);
        this.counts = new long[statusCount];
    }
}
