package org.voxgate.bridge.internal.rtcp;

/**
 * What one received RTCP compound packet told us; a reusable holder filled by
 * {@link RtcpParser}. Only the report block about {@link #localSsrc} is kept.
 */
public final class RtcpReport {
    /** Our SSRC; report blocks about other sources are skipped. Set by the owner. */
    public long localSsrc;

    public boolean senderReport;
    public long senderSsrc;
    /** NTP timestamp of the SR, 64 bits (RFC 3550 section 6.4.1). */
    public long ntpTimestamp;
    public long senderRtpTimestamp;
    public long senderPacketCount;
    public long senderOctetCount;

    public boolean hasBlock;
    public int fractionLost;
    /** Signed 24-bit cumulative loss. */
    public int cumulativeLost;
    public long extendedHighestSeq;
    public long interarrivalJitter;
    public long lastSrTimestamp;
    public long delaySinceLastSr;

    public boolean sdes;
    /** CNAME of the first SDES chunk that carried one, or null. */
    public String cname;
    public boolean bye;
    /** Packets inside the compound that were of a type we do not read (APP, XR, feedback). */
    public int skippedPackets;

    void clear() {
        senderReport = false;
        senderSsrc = 0;
        ntpTimestamp = 0;
        senderRtpTimestamp = 0;
        senderPacketCount = 0;
        senderOctetCount = 0;
        hasBlock = false;
        fractionLost = 0;
        cumulativeLost = 0;
        extendedHighestSeq = 0;
        interarrivalJitter = 0;
        lastSrTimestamp = 0;
        delaySinceLastSr = 0;
        sdes = false;
        cname = null;
        bye = false;
        skippedPackets = 0;
    }
}
