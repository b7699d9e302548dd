package org.voxgate.srtp.internal.transform;

/**
 * Reads the few RTP and RTCP header fields SRTP needs (RFC 3550 sections 5.1 and 6.4).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers (CC x 4)    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  defined by profile (X=1)     |   extension length (words)    |
 * |                        extension ...                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   payload (encrypted by SRTP) ...             |
 *
 * RTCP: |V=2|P|  RC   |   PT    |  length  | SSRC of sender | ... (first 8 bytes stay clear)
 * </pre>
 */
public final class RtpHeader {
    /** Fixed RTP header length. */
    public static final int FIXED = 12;
    /** The part of an RTCP compound packet SRTCP never encrypts (RFC 3711 section 3.4). */
    public static final int RTCP_CLEAR = 8;

    private RtpHeader() {}

    public static int version(byte[] b, int off) {
        return (b[off] & 0xC0) >>> 6;
    }

    /**
     * The full header length (fixed part, CSRCs, extension), or -1 if {@code len} bytes cannot
     * hold it. Call only with {@code len >= FIXED}.
     */
    public static int length(byte[] b, int off, int len) {
        int cc = b[off] & 0x0F;
        int n = FIXED + 4 * cc;
        if ((b[off] & 0x10) != 0) {
            if (n + 4 > len) {
                return -1;
            }
            int words = ((b[off + n + 2] & 0xFF) << 8) | (b[off + n + 3] & 0xFF);
            n += 4 + 4 * words;
        }
        return n <= len ? n : -1;
    }

    public static int sequence(byte[] b, int off) {
        return ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    public static int rtpSsrc(byte[] b, int off) {
        return readInt(b, off + 8);
    }

    public static int rtcpSsrc(byte[] b, int off) {
        return readInt(b, off + 4);
    }

    public static int readInt(byte[] b, int off) {
        return (b[off] << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    public static void writeInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
