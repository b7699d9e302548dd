package org.voxgate.srtp.internal.transform;

import java.util.Arrays;

import org.voxgate.srtp.internal.crypto.AesCounterMode;
import org.voxgate.srtp.internal.crypto.ConstantTime;
import org.voxgate.srtp.internal.crypto.HmacSha1;

/**
 * AES-CM (or NULL) encryption with HMAC-SHA1 authentication, RFC 3711 sections 3.1, 3.4, 4.1.1
 * and 4.2, RFC 6188 for AES-256.
 *
 * <pre>
 * SRTP:  | RTP header | payload (encrypted) | MKI (opt) | auth tag (10 or 4) |
 *        |&lt;------------- authenticated ------&gt;|   plus the ROC, which is hashed but not sent
 * SRTCP: | 8 bytes clear | rest (encrypted if E) |E| SRTCP index (31) | MKI (opt) | tag (10) |
 *        |&lt;------------------- authenticated -------------------------&gt;|
 * IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16)        (RFC 3711 section 4.1.1)
 * </pre>
 */
public final class CounterModeCrypto extends PacketCrypto {
    private final AesCounterMode rtpCipher;
    private final AesCounterMode rtcpCipher;
    private final HmacSha1 rtpMac;
    private final HmacSha1 rtcpMac;
    private final byte[] rtpSalt;
    private final byte[] rtcpSalt;
    private final int rtpTag;
    private final int rtcpTag;
    private final byte[] iv = new byte[16];
    private final byte[] mac = new byte[HmacSha1.LENGTH];

    /**
     * @param rtpKey  session encryption key, or null for the NULL cipher / UNENCRYPTED_SRTP
     * @param rtcpKey session encryption key for SRTCP, or null for NULL / UNENCRYPTED_SRTCP
     * @param rtpAuthKey null for UNAUTHENTICATED_SRTP
     */
    public CounterModeCrypto(byte[] rtpKey, byte[] rtpAuthKey, byte[] rtpSalt, int rtpTag,
                             byte[] rtcpKey, byte[] rtcpAuthKey, byte[] rtcpSalt, int rtcpTag) {
        this.rtpCipher = rtpKey == null ? null : new AesCounterMode(rtpKey);
        this.rtcpCipher = rtcpKey == null ? null : new AesCounterMode(rtcpKey);
        this.rtpMac = rtpAuthKey == null ? null : HmacSha1.create(rtpAuthKey);
        this.rtcpMac = HmacSha1.create(rtcpAuthKey);
        this.rtpSalt = rtpSalt.clone();
        this.rtcpSalt = rtcpSalt.clone();
        this.rtpTag = rtpAuthKey == null ? 0 : rtpTag;
        this.rtcpTag = rtcpTag;
    }

    @Override
    public int rtpTagLength() { return rtpTag; }

    @Override
    public int rtcpTagLength() { return rtcpTag; }

    @Override
    public int rtpMkiOffset(int len, int mkiLen) { return len - rtpTag - mkiLen; }

    @Override
    public int rtcpIndexOffset(int len, int mkiLen) { return len - rtcpTag - mkiLen - 4; }

    private void iv(byte[] salt, int ssrc, long index) {
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[4] ^= (byte) (ssrc >>> 24);
        iv[5] ^= (byte) (ssrc >>> 16);
        iv[6] ^= (byte) (ssrc >>> 8);
        iv[7] ^= (byte) ssrc;
        iv[8] ^= (byte) (index >>> 40);
        iv[9] ^= (byte) (index >>> 32);
        iv[10] ^= (byte) (index >>> 24);
        iv[11] ^= (byte) (index >>> 16);
        iv[12] ^= (byte) (index >>> 8);
        iv[13] ^= (byte) index;
        iv[14] = 0;
        iv[15] = 0;
    }

    @Override
    public int protectRtp(byte[] b, int off, int hdrLen, int len, int ssrc, long index, byte[] mki) {
        if (rtpCipher != null) {
            iv(rtpSalt, ssrc, index);
            rtpCipher.xor(iv, b, off + hdrLen, len - hdrLen);
        }
        int end = off + len;
        if (rtpMac != null) {
            // Authenticated portion || ROC (RFC 3711 section 4.2): the ROC goes where MKI and tag
            // will be written (at least 4 bytes of room), so the MAC gets one contiguous update.
            RtpHeader.writeInt(b, end, (int) (index >>> 16));
            rtpMac.start();
            rtpMac.update(b, off, len + 4);
            rtpMac.finish(mac, 0);
            System.arraycopy(mki, 0, b, end, mki.length);
            System.arraycopy(mac, 0, b, end + mki.length, rtpTag);
        } else {
            System.arraycopy(mki, 0, b, end, mki.length);
        }
        return len + mki.length + rtpTag;
    }

    @Override
    public int unprotectRtp(byte[] b, int off, int hdrLen, int len, int ssrc, long index, int mkiLen) {
        int payloadEnd = len - mkiLen - rtpTag;
        if (rtpMac != null) {
            // Hash portion || ROC in one update: the 4 bytes after the portion (MKI and tag) are
            // saved, overwritten with the ROC, and put back before the tag is compared.
            int at = off + payloadEnd;
            int saved = RtpHeader.readInt(b, at);
            RtpHeader.writeInt(b, at, (int) (index >>> 16));
            rtpMac.start();
            rtpMac.update(b, off, payloadEnd + 4);
            rtpMac.finish(mac, 0);
            RtpHeader.writeInt(b, at, saved);
            if (!ConstantTime.equals(mac, 0, b, off + len - rtpTag, rtpTag)) {
                return -1;
            }
        }
        if (rtpCipher != null) {
            iv(rtpSalt, ssrc, index);
            rtpCipher.xor(iv, b, off + hdrLen, payloadEnd - hdrLen);
        }
        return payloadEnd;
    }

    @Override
    public int protectRtcp(byte[] b, int off, int len, int ssrc, int srtcpIndex, boolean encrypt, byte[] mki) {
        if (encrypt && rtcpCipher != null) {
            iv(rtcpSalt, ssrc, srtcpIndex & 0x7FFF_FFFFL);
            rtcpCipher.xor(iv, b, off + RtpHeader.RTCP_CLEAR, len - RtpHeader.RTCP_CLEAR);
        }
        int end = off + len;
        RtpHeader.writeInt(b, end, (encrypt ? 0x8000_0000 : 0) | srtcpIndex);
        System.arraycopy(mki, 0, b, end + 4, mki.length);
        rtcpMac.start();
        rtcpMac.update(b, off, len + 4);
        rtcpMac.finish(mac, 0);
        System.arraycopy(mac, 0, b, end + 4 + mki.length, rtcpTag);
        return len + 4 + mki.length + rtcpTag;
    }

    @Override
    public int unprotectRtcp(byte[] b, int off, int len, int ssrc, int srtcpIndex, boolean encrypted, int mkiLen) {
        int indexOff = rtcpIndexOffset(len, mkiLen);
        rtcpMac.start();
        rtcpMac.update(b, off, indexOff + 4);
        rtcpMac.finish(mac, 0);
        if (!ConstantTime.equals(mac, 0, b, off + len - rtcpTag, rtcpTag)) {
            return -1;
        }
        if (encrypted && rtcpCipher != null) {
            iv(rtcpSalt, ssrc, srtcpIndex & 0x7FFF_FFFFL);
            rtcpCipher.xor(iv, b, off + RtpHeader.RTCP_CLEAR, indexOff - RtpHeader.RTCP_CLEAR);
        }
        return indexOff;
    }

    @Override
    public void close() {
        if (rtpCipher != null) {
            rtpCipher.close();
        }
        if (rtcpCipher != null) {
            rtcpCipher.close();
        }
        if (rtpMac != null) {
            rtpMac.close();
        }
        rtcpMac.close();
        Arrays.fill(rtpSalt, (byte) 0);
        Arrays.fill(rtcpSalt, (byte) 0);
        Arrays.fill(iv, (byte) 0);
        Arrays.fill(mac, (byte) 0);
    }
}
