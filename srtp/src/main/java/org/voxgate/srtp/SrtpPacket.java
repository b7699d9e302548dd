package org.voxgate.srtp;

import java.util.Objects;

/**
 * A caller-owned, reusable slice of a byte array holding one packet: {@code array[offset ..
 * offset+length)}. Protect writes the MKI and tag after the packet, so the array must have room
 * up to {@code offset + length + }{@link SrtpContext#maxOverhead()}. Protect and unprotect work in
 * place and update {@link #length()}. The context never keeps a reference to the slice or its
 * array after the call returns.
 */
public final class SrtpPacket {
    private byte[] array;
    private int offset;
    private int length;

    public SrtpPacket() {
        this.array = new byte[0];
    }

    public SrtpPacket(byte[] array, int offset, int length) {
        set(array, offset, length);
    }

    /** Points this slice at a packet; returns this. */
    public SrtpPacket set(byte[] array, int offset, int length) {
        Objects.requireNonNull(array, "array");
        if (offset < 0 || length < 0 || offset + length > array.length) {
            throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + array.length);
        }
        this.array = array;
        this.offset = offset;
        this.length = length;
        return this;
    }

    public byte[] array() { return array; }

    public int offset() { return offset; }

    public int length() { return length; }

    /** Bytes available after the packet in the array. */
    public int room() { return array.length - offset - length; }

    void length(int newLength) { this.length = newLength; }
}
