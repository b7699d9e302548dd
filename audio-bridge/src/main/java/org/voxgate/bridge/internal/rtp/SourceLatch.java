package org.voxgate.bridge.internal.rtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Decides which source addresses a leg accepts media from, and where it sends: symmetric RTP
 * without "RTP bleed".
 *
 * <ul>
 *   <li>Packets from the address and port signalled in SDP are always accepted. Once one has
 *       arrived, no other source can latch: the signalled address works.</li>
 *   <li>While the leg is new (before {@code latchDeadlineNanos}) and nothing came from the
 *       signalled address, the first other source that sends {@value #LATCH_PACKETS} packets in a
 *       row with one SSRC and consecutive sequence numbers is latched (the peer is behind NAT).
 *       Its earlier packets are dropped as {@link DropReason#LATCHING}. Latching happens once.</li>
 *   <li>Anything else is dropped as {@link DropReason#WRONG_SOURCE}.</li>
 * </ul>
 *
 * <p>Confined to the leg's event loop, except {@link #sendTarget()} and
 * {@link #rtcpSendTarget()}, which are volatile reads for the sending thread.
 */
public final class SourceLatch {
    /** Consecutive packets of one stream needed to latch. */
    public static final int LATCH_PACKETS = 3;

    private InetSocketAddress signalled;
    private InetSocketAddress signalledRtcp;
    private long latchDeadlineNanos;
    private boolean signalledSeen;
    private InetSocketAddress latched;
    private volatile InetSocketAddress sendTarget;
    private volatile InetSocketAddress rtcpSendTarget;

    private InetSocketAddress candidate;
    private long candidateSsrc;
    private int candidateSeq;
    private int candidateCount;

    /**
     * Starts over with a newly signalled remote (an answer, or a re-offer that moved media).
     *
     * @param rtp  the address and port from SDP, or null when media must not flow
     * @param rtcp where RTCP goes (a=rtcp, or the RTP port + 1)
     */
    public void reset(InetSocketAddress rtp, InetSocketAddress rtcp, long latchDeadlineNanos) {
        this.signalled = rtp;
        this.signalledRtcp = rtcp;
        this.latchDeadlineNanos = latchDeadlineNanos;
        this.signalledSeen = false;
        this.latched = null;
        this.candidate = null;
        this.candidateCount = 0;
        this.sendTarget = rtp;
        this.rtcpSendTarget = rtcp;
    }

    /**
     * Checks one RTP packet's source.
     *
     * @return null to accept, or {@link DropReason#NO_REMOTE}, {@link DropReason#LATCHING},
     *     {@link DropReason#WRONG_SOURCE}
     */
    public DropReason checkRtp(InetSocketAddress from, long ssrc, int seq, long nowNanos) {
        if (signalled == null) {
            return DropReason.NO_REMOTE;
        }
        if (from.equals(signalled)) {
            signalledSeen = true;
            candidate = null;
            return null;
        }
        if (from.equals(latched)) {
            return null;
        }
        if (latched != null || signalledSeen || nowNanos - latchDeadlineNanos >= 0) {
            return DropReason.WRONG_SOURCE;
        }
        if (from.equals(candidate) && ssrc == candidateSsrc && seq == RtpSequence.next(candidateSeq)) {
            candidateCount++;
        } else {
            candidate = from;
            candidateSsrc = ssrc;
            candidateCount = 1;
        }
        candidateSeq = seq;
        if (candidateCount < LATCH_PACKETS) {
            return DropReason.LATCHING;
        }
        latched = from;
        candidate = null;
        sendTarget = from;
        rtcpSendTarget = new InetSocketAddress(from.getAddress(), from.getPort() + 1 > 65535 ? from.getPort() : from.getPort() + 1);
        return null;
    }

    /**
     * Checks one RTCP packet's source: the signalled RTCP address, or any port on the host
     * RTP comes from. The latched host's RTCP port is latched on first use.
     *
     * @return null to accept, or {@link DropReason#NO_REMOTE}, {@link DropReason#WRONG_SOURCE}
     */
    public DropReason checkRtcp(InetSocketAddress from) {
        if (signalled == null) {
            return DropReason.NO_REMOTE;
        }
        if (from.equals(signalledRtcp) || from.equals(rtcpSendTarget)) {
            return null;
        }
        InetAddress host = from.getAddress();
        if (latched != null && host.equals(latched.getAddress())) {
            rtcpSendTarget = from;
            return null;
        }
        if (latched == null && host.equals(signalled.getAddress())) {
            return null;
        }
        return DropReason.WRONG_SOURCE;
    }

    /** Where RTP goes: the latched source, else the signalled address; null before SDP. */
    public InetSocketAddress sendTarget() {
        return sendTarget;
    }

    public InetSocketAddress rtcpSendTarget() {
        return rtcpSendTarget;
    }

    public boolean latched() {
        return latched != null;
    }
}
