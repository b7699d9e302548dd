package org.voxgate.sip.internal.dns;

/** A DNS message we cannot read: why, and the byte offset where reading stopped. */
public final class DnsFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int offset;

    public DnsFormatException(String reason, int offset) {
        super(reason + " at byte " + offset);
        this.offset = offset;
    }

    /** Byte offset in the message where the problem was found. */
    public int offset() {
        return offset;
    }
}
