package org.voxgate.bridge.internal.rtcp;

import java.nio.charset.StandardCharsets;

import org.voxgate.bridge.internal.rtp.DropReason;

/**
 * Parses an RTCP compound packet (RFC 3550 section 6.1) from untrusted bytes. Every count and
 * length is checked against what is left before it is used; a bad compound is refused whole.
 *
 * <pre>
 * Common header of every packet in the compound (section 6.4.1):
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  RC/SC  |   PT          |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   length = packet size in 32-bit words minus one, header included
 *
 * SR (PT=200): SSRC of sender, then sender info, then RC report blocks
 * +---------------------------------------------------------------+
 * |              NTP timestamp, most significant word             |
 * |              NTP timestamp, least significant word            |
 * |                         RTP timestamp                         |
 * |                     sender's packet count                     |
 * |                      sender's octet count                     |
 * +---------------------------------------------------------------+
 * RR (PT=201): SSRC of sender, then RC report blocks of 24 bytes:
 * +---------------------------------------------------------------+
 * |                 SSRC_n (source this block is about)           |
 * | fraction lost |       cumulative number of packets lost       |
 * |           extended highest sequence number received           |
 * |                      interarrival jitter                      |
 * |                         last SR (LSR)                         |
 * |                   delay since last SR (DLSR)                  |
 * +---------------------------------------------------------------+
 * SDES (PT=202): SC chunks; each = SSRC, items (type, length, text), type 0 ends the
 *   chunk, then zero padding to a 32-bit boundary. CNAME is type 1.
 * BYE (PT=203): SC SSRCs, then optional (length, reason text).
 * </pre>
 */
public final class RtcpParser {
    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    private static final int HEADER_BYTES = 4;
    private static final int SENDER_INFO_BYTES = 20;
    private static final int REPORT_BLOCK_BYTES = 24;
    private static final int SDES_CNAME = 1;

    private RtcpParser() {}

    /**
     * Parses {@code length} bytes at {@code offset} into {@code out}.
     *
     * @return null for a well-formed compound, else {@link DropReason#TRUNCATED},
     *     {@link DropReason#BAD_VERSION}, {@link DropReason#BAD_PADDING} or
     *     {@link DropReason#BAD_RTCP}; {@code out} is then partly filled and must be ignored
     */
    public static DropReason parse(byte[] buf, int offset, int length, RtcpReport out) {
        out.clear();
        if (offset < 0 || length < HEADER_BYTES || offset + length > buf.length) {
            return DropReason.TRUNCATED;
        }
        int pos = offset;
        int end = offset + length;
        boolean first = true;
        while (pos < end) {
            if (end - pos < HEADER_BYTES) {
                return DropReason.TRUNCATED;
            }
            int b0 = buf[pos] & 0xFF;
            if ((b0 >>> 6) != 2) {
                return DropReason.BAD_VERSION;
            }
            boolean padding = (b0 & 0x20) != 0;
            int count = b0 & 0x1F;
            int type = buf[pos + 1] & 0xFF;
            int packetBytes = (((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF)) * 4 + 4;
            if (packetBytes > end - pos) {
                return DropReason.TRUNCATED;
            }
            // Section 6.4.1 / A.2: the first packet of a compound is an SR or RR.
            if (first && type != SR && type != RR) {
                return DropReason.BAD_RTCP;
            }
            first = false;
            int bodyEnd = pos + packetBytes;
            if (padding) {
                // Only the last packet of a compound may be padded (A.2).
                if (bodyEnd != end) {
                    return DropReason.BAD_PADDING;
                }
                int pad = buf[bodyEnd - 1] & 0xFF;
                if (pad == 0 || pad > packetBytes - HEADER_BYTES) {
                    return DropReason.BAD_PADDING;
                }
                bodyEnd -= pad;
            }
            DropReason r = switch (type) {
                case SR -> parseReport(buf, pos + HEADER_BYTES, bodyEnd, count, true, out);
                case RR -> parseReport(buf, pos + HEADER_BYTES, bodyEnd, count, false, out);
                case SDES -> parseSdes(buf, pos + HEADER_BYTES, bodyEnd, count, out);
                case BYE -> parseBye(bodyEnd - (pos + HEADER_BYTES), count, out);
                default -> {
                    out.skippedPackets++;
                    yield null;
                }
            };
            if (r != null) {
                return r;
            }
            pos += packetBytes;
        }
        return null;
    }

    private static DropReason parseReport(byte[] b, int pos, int end, int count, boolean sr, RtcpReport out) {
        int need = 4 + (sr ? SENDER_INFO_BYTES : 0) + count * REPORT_BLOCK_BYTES;
        if (end - pos < need) {
            return DropReason.BAD_RTCP;
        }
        out.senderSsrc = u32(b, pos);
        pos += 4;
        if (sr) {
            out.senderReport = true;
            out.ntpTimestamp = (u32(b, pos) << 32) | u32(b, pos + 4);
            out.senderRtpTimestamp = u32(b, pos + 8);
            out.senderPacketCount = u32(b, pos + 12);
            out.senderOctetCount = u32(b, pos + 16);
            pos += SENDER_INFO_BYTES;
        }
        for (int i = 0; i < count; i++, pos += REPORT_BLOCK_BYTES) {
            if (u32(b, pos) != out.localSsrc) {
                continue;
            }
            out.hasBlock = true;
            out.fractionLost = b[pos + 4] & 0xFF;
            int lost = ((b[pos + 5] & 0xFF) << 16) | ((b[pos + 6] & 0xFF) << 8) | (b[pos + 7] & 0xFF);
            out.cumulativeLost = (lost << 8) >> 8; // sign-extend 24 bits
            out.extendedHighestSeq = u32(b, pos + 8);
            out.interarrivalJitter = u32(b, pos + 12);
            out.lastSrTimestamp = u32(b, pos + 16);
            out.delaySinceLastSr = u32(b, pos + 20);
        }
        return null;
    }

    private static DropReason parseSdes(byte[] b, int pos, int end, int chunks, RtcpReport out) {
        out.sdes = true;
        for (int c = 0; c < chunks; c++) {
            if (end - pos < 4) {
                return DropReason.BAD_RTCP;
            }
            int chunkStart = pos;
            pos += 4; // SSRC/CSRC
            while (true) {
                if (pos >= end) {
                    return DropReason.BAD_RTCP;
                }
                int itemType = b[pos] & 0xFF;
                if (itemType == 0) {
                    pos++;
                    // Skip the null octets up to the next 32-bit boundary of the chunk.
                    int used = pos - chunkStart;
                    pos += (4 - (used & 3)) & 3;
                    if (pos > end) {
                        return DropReason.BAD_RTCP;
                    }
                    break;
                }
                if (end - pos < 2) {
                    return DropReason.BAD_RTCP;
                }
                int itemLength = b[pos + 1] & 0xFF;
                if (end - pos - 2 < itemLength) {
                    return DropReason.BAD_RTCP;
                }
                if (itemType == SDES_CNAME && out.cname == null) {
                    out.cname = new String(b, pos + 2, itemLength, StandardCharsets.UTF_8);
                }
                pos += 2 + itemLength;
            }
        }
        return null;
    }

    private static DropReason parseBye(int bodyBytes, int sourceCount, RtcpReport out) {
        if (bodyBytes < 4 * sourceCount) {
            return DropReason.BAD_RTCP;
        }
        out.bye = true;
        return null;
    }

    private static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }
}
