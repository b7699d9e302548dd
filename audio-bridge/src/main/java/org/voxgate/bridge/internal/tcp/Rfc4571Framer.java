package org.voxgate.bridge.internal.tcp;

import io.netty.buffer.ByteBuf;

/**
 * Writes RFC 4571 frames: the 16-bit LENGTH in network order, then the packet (see the diagram
 * on {@link Rfc4571Deframer}).
 */
public final class Rfc4571Framer {
    private Rfc4571Framer() {}

    /** Bytes a frame of a {@code packetBytes} packet takes on the wire. */
    public static int frameBytes(int packetBytes) {
        return Rfc4571Deframer.LENGTH_FIELD_BYTES + packetBytes;
    }

    /**
     * Appends one frame to {@code out}.
     *
     * @throws IllegalArgumentException when {@code length} is not 1..65535 (a packet of ours never
     *     is: callers bound their packets by the MTU)
     */
    public static void write(ByteBuf out, byte[] packet, int offset, int length) {
        if (length < 1 || length > Rfc4571Deframer.MAX_ENCODABLE_LENGTH) {
            throw new IllegalArgumentException("RFC 4571 frame length must be 1..65535: " + length);
        }
        out.writeShort(length);
        out.writeBytes(packet, offset, length);
    }
}
