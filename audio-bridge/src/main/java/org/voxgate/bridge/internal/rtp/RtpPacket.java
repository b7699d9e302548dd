package org.voxgate.bridge.internal.rtp;

/**
 * A reusable, mutable view of one RTP packet held in a caller's byte array. {@link #parse}
 * checks every field that comes from the wire before using it and returns null on success or
 * the {@link DropReason} otherwise; it never throws on packet content and allocates nothing.
 *
 * <pre>
 * RFC 3550 section 5.1, fixed header:
 *
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                   .... CC entries of 32 bits ....             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * section 5.3.1, header extension (when X=1):
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      defined by profile       |           length              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  header extension (length x 32 bits)          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * then the payload, then (when P=1) padding whose last octet counts the padding octets,
 * itself included.
 * </pre>
 */
public final class RtpPacket {
    /** Fixed header length in bytes (RFC 3550 section 5.1). */
    public static final int FIXED_HEADER_BYTES = 12;
    /** The only version this spec defines (RFC 3550 section 5.1: "V=2"). */
    public static final int VERSION = 2;

    private byte[] buffer;
    private boolean padding;
    private boolean extension;
    private int csrcCount;
    private boolean marker;
    private int payloadType;
    private int sequenceNumber;
    private long timestamp;
    private long ssrc;
    private int payloadOffset;
    private int payloadLength;

    /**
     * Parses {@code length} bytes at {@code offset}.
     *
     * @return null when the packet is a well-formed RTP packet, otherwise why it is not
     *     ({@link DropReason#TRUNCATED}, {@link DropReason#BAD_VERSION},
     *     {@link DropReason#BAD_PADDING}); the view is undefined after a failure
     */
    public DropReason parse(byte[] buf, int offset, int length) {
        this.buffer = buf;
        if (length < FIXED_HEADER_BYTES || offset < 0 || offset + length > buf.length) {
            return DropReason.TRUNCATED;
        }
        int b0 = buf[offset] & 0xFF;
        if ((b0 >>> 6) != VERSION) {
            return DropReason.BAD_VERSION;
        }
        padding = (b0 & 0x20) != 0;
        extension = (b0 & 0x10) != 0;
        csrcCount = b0 & 0x0F;
        int b1 = buf[offset + 1] & 0xFF;
        marker = (b1 & 0x80) != 0;
        payloadType = b1 & 0x7F;
        sequenceNumber = ((buf[offset + 2] & 0xFF) << 8) | (buf[offset + 3] & 0xFF);
        timestamp = readUint32(buf, offset + 4);
        ssrc = readUint32(buf, offset + 8);

        int end = offset + length;
        int pos = offset + FIXED_HEADER_BYTES + 4 * csrcCount; // CC <= 15: no overflow
        if (pos > end) {
            return DropReason.TRUNCATED;
        }
        if (extension) {
            if (pos + 4 > end) {
                return DropReason.TRUNCATED;
            }
            int words = ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
            pos += 4 + 4 * words; // words <= 65535: fits an int
            if (pos > end) {
                return DropReason.TRUNCATED;
            }
        }
        int padBytes = 0;
        if (padding) {
            if (end - pos < 1) {
                return DropReason.BAD_PADDING;
            }
            padBytes = buf[end - 1] & 0xFF;
            // The count includes itself, so 0 is invalid, and it cannot reach into the header.
            if (padBytes == 0 || padBytes > end - pos) {
                return DropReason.BAD_PADDING;
            }
        }
        payloadOffset = pos;
        payloadLength = end - pos - padBytes;
        return null;
    }

    static long readUint32(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    /**
     * Writes a fixed header without CSRCs or extension into {@code out} at {@code offset}.
     *
     * @return bytes written ({@link #FIXED_HEADER_BYTES})
     */
    public static int writeHeader(byte[] out, int offset, boolean marker, int payloadType, int sequenceNumber,
                                  long timestamp, long ssrc) {
        out[offset] = (byte) (VERSION << 6);
        out[offset + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F));
        out[offset + 2] = (byte) (sequenceNumber >>> 8);
        out[offset + 3] = (byte) sequenceNumber;
        writeUint32(out, offset + 4, timestamp);
        writeUint32(out, offset + 8, ssrc);
        return FIXED_HEADER_BYTES;
    }

    static void writeUint32(byte[] out, int i, long v) {
        out[i] = (byte) (v >>> 24);
        out[i + 1] = (byte) (v >>> 16);
        out[i + 2] = (byte) (v >>> 8);
        out[i + 3] = (byte) v;
    }

    public byte[] buffer() {
        return buffer;
    }

    public boolean padding() {
        return padding;
    }

    public boolean extension() {
        return extension;
    }

    public int csrcCount() {
        return csrcCount;
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    /** 16-bit sequence number, 0..65535. */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** 32-bit timestamp widened to a long, 0..2^32-1. */
    public long timestamp() {
        return timestamp;
    }

    /** SSRC widened to a long, 0..2^32-1. */
    public long ssrc() {
        return ssrc;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }
}
