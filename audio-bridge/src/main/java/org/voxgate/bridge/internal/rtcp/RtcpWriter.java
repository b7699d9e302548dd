package org.voxgate.bridge.internal.rtcp;

import java.nio.charset.StandardCharsets;

/**
 * Writes our RTCP compound: an SR when we sent RTP since the last report, else an RR, with at
 * most one report block (about the peer's source), followed by an SDES chunk carrying our CNAME
 * (RFC 3550 section 6.1: "each individual RTCP packet ... MUST contain ... SR or RR ... and
 * SDES CNAME"). The layout is the one drawn in {@link RtcpParser}.
 */
public final class RtcpWriter {
    /** Seconds between 1900-01-01 (NTP era 0) and 1970-01-01. */
    static final long NTP_UNIX_OFFSET_SECONDS = 2_208_988_800L;

    private RtcpWriter() {}

    /** Fields of the one report block we send; null means no block (nothing received). */
    public record ReportBlock(long ssrc, int fractionLost, long cumulativeLost, long extendedHighestSeq,
                              long jitter, long lastSr, long delaySinceLastSr) {
    }

    /** Fields of the sender info of an SR. */
    public record SenderInfo(long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount) {
    }

    /**
     * @param out    destination, at least 100 + cname bytes long
     * @param sender sender info (writes an SR), or null (writes an RR)
     * @param block  report block, or null
     * @return bytes written
     */
    public static int write(byte[] out, long ssrc, SenderInfo sender, ReportBlock block, String cname) {
        int pos = 0;
        int blocks = block == null ? 0 : 1;
        int words = 1 + (sender != null ? 5 : 0) + blocks * 6; // length excludes the header word
        out[pos] = (byte) (0x80 | blocks);
        out[pos + 1] = (byte) (sender != null ? RtcpParser.SR : RtcpParser.RR);
        putShort(out, pos + 2, words);
        putInt(out, pos + 4, ssrc);
        pos += 8;
        if (sender != null) {
            putInt(out, pos, sender.ntpTimestamp() >>> 32);
            putInt(out, pos + 4, sender.ntpTimestamp());
            putInt(out, pos + 8, sender.rtpTimestamp());
            putInt(out, pos + 12, sender.packetCount());
            putInt(out, pos + 16, sender.octetCount());
            pos += 20;
        }
        if (block != null) {
            putInt(out, pos, block.ssrc());
            long lost = Math.min(block.cumulativeLost(), 0x7FFFFF);
            putInt(out, pos + 4, ((long) (block.fractionLost() & 0xFF) << 24) | (lost & 0xFFFFFF));
            putInt(out, pos + 8, block.extendedHighestSeq());
            putInt(out, pos + 12, block.jitter());
            putInt(out, pos + 16, block.lastSr());
            putInt(out, pos + 20, block.delaySinceLastSr());
            pos += 24;
        }
        // SDES: one chunk, CNAME item, terminating null item, pad to 32 bits.
        byte[] name = cname.getBytes(StandardCharsets.UTF_8);
        int nameLength = Math.min(255, name.length);
        int chunkBytes = 4 + 2 + nameLength + 1;
        chunkBytes += (4 - (chunkBytes & 3)) & 3;
        out[pos] = (byte) 0x81;
        out[pos + 1] = (byte) RtcpParser.SDES;
        putShort(out, pos + 2, chunkBytes / 4);
        putInt(out, pos + 4, ssrc);
        out[pos + 8] = 1; // CNAME
        out[pos + 9] = (byte) nameLength;
        System.arraycopy(name, 0, out, pos + 10, nameLength);
        for (int i = pos + 10 + nameLength; i < pos + 4 + chunkBytes; i++) {
            out[i] = 0;
        }
        return pos + 4 + chunkBytes;
    }

    /** NTP timestamp (RFC 3550 section 4) of a wall-clock time in Unix milliseconds. */
    public static long ntpTimestamp(long unixMillis) {
        long seconds = unixMillis / 1000 + NTP_UNIX_OFFSET_SECONDS;
        long fraction = ((unixMillis % 1000) << 32) / 1000;
        return (seconds << 32) | fraction;
    }

    /** The middle 32 bits of an NTP timestamp, as LSR carries it. */
    public static long middle32(long ntpTimestamp) {
        return (ntpTimestamp >>> 16) & 0xFFFF_FFFFL;
    }

    private static void putShort(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    private static void putInt(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }
}
