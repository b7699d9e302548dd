package org.voxgate.srtp.internal.transform;

/**
 * The per-profile cryptographic transform of SRTP and SRTCP packets, already keyed with the
 * session keys of one direction. Callers have checked every length before calling; these
 * methods only transform. Not thread-safe; no allocation per packet.
 */
public abstract class PacketCrypto implements AutoCloseable {

    /** SRTP tag bytes this transform appends (0 for UNAUTHENTICATED_SRTP). */
    public abstract int rtpTagLength();

    /** SRTCP tag bytes this transform appends. */
    public abstract int rtcpTagLength();

    /** Where the MKI starts in a protected SRTP packet of {@code len} bytes. */
    public abstract int rtpMkiOffset(int len, int mkiLen);

    /** Where the E flag and SRTCP index word start in a protected SRTCP packet. */
    public abstract int rtcpIndexOffset(int len, int mkiLen);

    /** Where the MKI starts in a protected SRTCP packet. */
    public final int rtcpMkiOffset(int len, int mkiLen) {
        return rtcpIndexOffset(len, mkiLen) + 4;
    }

    /**
     * Encrypts the payload of {@code b[off..off+len)}, appends MKI and tag.
     *
     * @return the protected length
     */
    public abstract int protectRtp(byte[] b, int off, int hdrLen, int len, int ssrc, long index, byte[] mki);

    /**
     * Authenticates and decrypts a protected packet of {@code len} bytes in place.
     *
     * @return the plain RTP length, or -1 if authentication failed (payload left encrypted)
     */
    public abstract int unprotectRtp(byte[] b, int off, int hdrLen, int len, int ssrc, long index, int mkiLen);

    /**
     * Encrypts (if {@code encrypt}) an RTCP compound packet, appends the E flag and index, MKI
     * and tag.
     *
     * @return the protected length
     */
    public abstract int protectRtcp(byte[] b, int off, int len, int ssrc, int srtcpIndex, boolean encrypt,
                                    byte[] mki);

    /**
     * Authenticates and (if E is set) decrypts a protected SRTCP packet in place.
     *
     * @return the plain RTCP length, or -1 if authentication failed
     */
    public abstract int unprotectRtcp(byte[] b, int off, int len, int ssrc, int srtcpIndex, boolean encrypted,
                                      int mkiLen);

    /** Wipes every key and scratch buffer. */
    @Override
    public abstract void close();
}
