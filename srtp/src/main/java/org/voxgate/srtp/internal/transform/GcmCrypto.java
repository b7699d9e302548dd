package org.voxgate.srtp.internal.transform;

import java.util.Arrays;

import org.voxgate.srtp.internal.crypto.AesGcm;

/**
 * AEAD_AES_128_GCM and AEAD_AES_256_GCM (RFC 7714 sections 8 and 9).
 *
 * <pre>
 * SRTP:  | RTP header (AAD) | payload (encrypted) | tag (16) | MKI (opt) |
 *   IV  = (00 00 || SSRC || ROC || SEQ) XOR salt                          (section 8.1)
 * SRTCP: | 8 bytes (AAD) | rest (encrypted if E) | tag (16) |E| SRTCP index | MKI (opt) |
 *   IV  = (00 00 || SSRC || 00 00 || 0 || SRTCP index) XOR salt           (section 9.1)
 *   AAD = first 8 bytes || E || index (E=1);  whole packet || E || index (E=0, section 9.2)
 * </pre>
 */
public final class GcmCrypto extends PacketCrypto {
    private final AesGcm rtp;
    private final AesGcm rtcp;
    private final byte[] rtpSalt;
    private final byte[] rtcpSalt;
    private final byte[] iv = new byte[12];
    /** SRTCP AAD: the clear part of the packet followed by E || SRTCP index. */
    private byte[] aad = new byte[64];

    public GcmCrypto(byte[] rtpKey, byte[] rtpSalt, byte[] rtcpKey, byte[] rtcpSalt) {
        // SRTP gets the 64 KiB GHASH tables; SRTCP (a packet every few seconds) the 4 KiB ones.
        this.rtp = new AesGcm(rtpKey, true);
        this.rtcp = new AesGcm(rtcpKey, false);
        this.rtpSalt = rtpSalt.clone();
        this.rtcpSalt = rtcpSalt.clone();
    }

    @Override
    public int rtpTagLength() { return AesGcm.TAG_LENGTH; }

    @Override
    public int rtcpTagLength() { return AesGcm.TAG_LENGTH; }

    @Override
    public int rtpMkiOffset(int len, int mkiLen) { return len - mkiLen; }

    @Override
    public int rtcpIndexOffset(int len, int mkiLen) { return len - mkiLen - 4; }

    private void iv(byte[] salt, int ssrc, int high, int low) {
        System.arraycopy(salt, 0, iv, 0, 12);
        iv[2] ^= (byte) (ssrc >>> 24);
        iv[3] ^= (byte) (ssrc >>> 16);
        iv[4] ^= (byte) (ssrc >>> 8);
        iv[5] ^= (byte) ssrc;
        iv[6] ^= (byte) (high >>> 24);
        iv[7] ^= (byte) (high >>> 16);
        iv[8] ^= (byte) (high >>> 8);
        iv[9] ^= (byte) high;
        iv[10] ^= (byte) (low >>> 8);
        iv[11] ^= (byte) low;
    }

    private void rtpIv(int ssrc, long index) {
        iv(rtpSalt, ssrc, (int) (index >>> 16), (int) (index & 0xFFFF));
    }

    private void rtcpIv(int ssrc, int srtcpIndex) {
        iv(rtcpSalt, ssrc, srtcpIndex >>> 16, srtcpIndex & 0xFFFF);
    }

    @Override
    public int protectRtp(byte[] b, int off, int hdrLen, int len, int ssrc, long index, byte[] mki) {
        rtpIv(ssrc, index);
        rtp.seal(iv, b, off, hdrLen, b, off + hdrLen, len - hdrLen);
        System.arraycopy(mki, 0, b, off + len + AesGcm.TAG_LENGTH, mki.length);
        return len + AesGcm.TAG_LENGTH + mki.length;
    }

    @Override
    public int unprotectRtp(byte[] b, int off, int hdrLen, int len, int ssrc, long index, int mkiLen) {
        rtpIv(ssrc, index);
        int sealedEnd = len - mkiLen;
        if (!rtp.open(iv, b, off, hdrLen, b, off + hdrLen, sealedEnd - hdrLen)) {
            return -1;
        }
        return sealedEnd - AesGcm.TAG_LENGTH;
    }

    /** Copies {@code b[off..off+clearLen)} and the index word into the AAD scratch; returns its length. */
    private int rtcpAad(byte[] b, int off, int clearLen, int word) {
        int n = clearLen + 4;
        if (n > aad.length) {
            aad = new byte[Math.max(n, 2 * aad.length)];
        }
        System.arraycopy(b, off, aad, 0, clearLen);
        RtpHeader.writeInt(aad, clearLen, word);
        return n;
    }

    @Override
    public int protectRtcp(byte[] b, int off, int len, int ssrc, int srtcpIndex, boolean encrypt, byte[] mki) {
        int word = (encrypt ? 0x8000_0000 : 0) | srtcpIndex;
        rtcpIv(ssrc, srtcpIndex);
        if (encrypt) {
            int n = rtcpAad(b, off, RtpHeader.RTCP_CLEAR, word);
            rtcp.seal(iv, aad, 0, n, b, off + RtpHeader.RTCP_CLEAR, len - RtpHeader.RTCP_CLEAR);
        } else {
            int n = rtcpAad(b, off, len, word);
            rtcp.seal(iv, aad, 0, n, b, off + len, 0);
        }
        int end = off + len + AesGcm.TAG_LENGTH;
        RtpHeader.writeInt(b, end, word);
        System.arraycopy(mki, 0, b, end + 4, mki.length);
        return len + AesGcm.TAG_LENGTH + 4 + mki.length;
    }

    @Override
    public int unprotectRtcp(byte[] b, int off, int len, int ssrc, int srtcpIndex, boolean encrypted, int mkiLen) {
        int indexOff = rtcpIndexOffset(len, mkiLen);
        int word = RtpHeader.readInt(b, off + indexOff);
        rtcpIv(ssrc, srtcpIndex);
        int plainEnd = indexOff - AesGcm.TAG_LENGTH;
        boolean ok;
        if (encrypted) {
            int n = rtcpAad(b, off, RtpHeader.RTCP_CLEAR, word);
            ok = rtcp.open(iv, aad, 0, n, b, off + RtpHeader.RTCP_CLEAR, indexOff - RtpHeader.RTCP_CLEAR);
        } else {
            int n = rtcpAad(b, off, plainEnd, word);
            ok = rtcp.open(iv, aad, 0, n, b, off + plainEnd, AesGcm.TAG_LENGTH);
        }
        return ok ? plainEnd : -1;
    }

    @Override
    public void close() {
        rtp.close();
        rtcp.close();
        Arrays.fill(rtpSalt, (byte) 0);
        Arrays.fill(rtcpSalt, (byte) 0);
        Arrays.fill(iv, (byte) 0);
        Arrays.fill(aad, (byte) 0);
    }
}
