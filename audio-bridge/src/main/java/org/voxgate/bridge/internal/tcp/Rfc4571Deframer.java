package org.voxgate.bridge.internal.tcp;

import io.netty.buffer.ByteBuf;

/**
 * Streaming reassembly of RFC 4571 frames from a TCP byte stream. A frame may arrive split over
 * any number of reads (even its two length bytes), and one read may carry many frames; bytes are
 * copied once, into one preallocated frame buffer, and nothing is allocated per frame.
 *
 * <pre>
 * RFC 4571 section 2: every RTP or RTCP packet is preceded by its length.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |             LENGTH            |  RTP or RTCP packet ...       |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *   LENGTH: 16-bit unsigned, network order, the packet's size in bytes (0..65535),
 *           not counting the two LENGTH bytes. The next LENGTH field follows the packet
 *           at once: there is no other delimiter, so one wrong LENGTH desynchronizes
 *           the whole rest of the stream.
 * </pre>
 *
 * <p>Rules of this implementation:
 * <ul>
 *   <li>LENGTH 0: RFC 4571 gives an empty frame no meaning; it is skipped and counted
 *       ({@link #emptyFrames()}), the stream stays in sync.</li>
 *   <li>LENGTH above the configured maximum (an MTU plus SRTP overhead, far below 65535): we
 *       cannot hold it, and on a media connection it almost surely means the stream lost sync
 *       (or is not RFC 4571 at all). The deframer turns {@link Status#BROKEN} for good and the
 *       connection must be closed.</li>
 * </ul>
 *
 * <p>Not thread-safe: one instance per connection, used on its event loop.
 */
public final class Rfc4571Deframer {
    /** RFC 4571 section 2: the LENGTH field is 16 bits. */
    public static final int LENGTH_FIELD_BYTES = 2;
    /** Largest LENGTH the field can express. */
    public static final int MAX_ENCODABLE_LENGTH = 0xFFFF;

    /** Outcome of one {@link #feed} call. */
    public enum Status {
        /** All bytes consumed; frames delivered, possibly a partial one kept for the next read. */
        OK,
        /** A LENGTH above the maximum: framing is lost, close the connection. Sticky. */
        BROKEN
    }

    /** Receives each complete frame; the bytes are valid only during the call. */
    @FunctionalInterface
    public interface FrameSink {
        void onFrame(byte[] frame, int offset, int length);
    }

    private final byte[] frame;
    private int lengthBytesHave;
    private int expected;
    private int have;
    private boolean broken;
    private long frames;
    private long emptyFrames;

    /**
     * @param maxFrameBytes largest packet accepted, 1..65535
     * @throws IllegalArgumentException when out of range
     */
    public Rfc4571Deframer(int maxFrameBytes) {
        if (maxFrameBytes < 1 || maxFrameBytes > MAX_ENCODABLE_LENGTH) {
            throw new IllegalArgumentException("maxFrameBytes must be 1..65535: " + maxFrameBytes);
        }
        this.frame = new byte[maxFrameBytes];
    }

    /**
     * Consumes every readable byte of {@code in} (its reader index moves to the end), delivering
     * each complete frame to {@code sink} in order.
     *
     * @return {@link Status#OK}, or {@link Status#BROKEN} when a LENGTH exceeded the maximum (then
     *     and forever after: nothing more is delivered)
     */
    public Status feed(ByteBuf in, FrameSink sink) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return Status.BROKEN;
        }
        while (in.isReadable()) {
            if (lengthBytesHave < LENGTH_FIELD_BYTES) {
                // The length field itself may be split across reads.
                expected = (expected << 8) | in.readUnsignedByte();
                lengthBytesHave++;
                if (lengthBytesHave < LENGTH_FIELD_BYTES) {
                    continue;
                }
                if (expected == 0) {
                    emptyFrames++;
                    reset();
                    continue;
                }
                if (expected > frame.length) {
                    broken = true;
                    in.skipBytes(in.readableBytes());
                    return Status.BROKEN;
                }
                have = 0;
            }
            int n = Math.min(expected - have, in.readableBytes());
            in.readBytes(frame, have, n);
            have += n;
            if (have == expected) {
                frames++;
                int length = expected;
                reset();
                sink.onFrame(frame, 0, length);
            }
        }
        return Status.OK;
    }

    private void reset() {
        lengthBytesHave = 0;
        expected = 0;
        have = 0;
    }

    /** Whether a LENGTH broke framing. */
    public boolean broken() {
        return broken;
    }

    /** Complete non-empty frames delivered. */
    public long frames() {
        return frames;
    }

    /** Zero-length frames skipped. */
    public long emptyFrames() {
        return emptyFrames;
    }

    /** Whether a frame (or its length field) is partly received. */
    public boolean midFrame() {
        return lengthBytesHave > 0;
    }

    /** The largest packet accepted. */
    public int maxFrameBytes() {
        return frame.length;
    }
}
