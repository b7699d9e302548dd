package org.voxgate.srtp.internal.transform;

import java.util.Arrays;

import org.voxgate.srtp.internal.crypto.AesGcm;
import org.voxgate.srtp.internal.crypto.HmacSha1;
import org.voxgate.srtp.internal.crypto.SrtpKdf;

/** Derives the six session keys (RFC 3711 section 4.3.1) and builds the profile's transform. */
public final class PacketCryptoFactory {
    private PacketCryptoFactory() {}

    /** Whether AES-GCM uses the JDK's GHASH ({@link AesGcm#jdkGhashAvailable()}). */
    public static boolean gcmFastPath() {
        return AesGcm.jdkGhashAvailable();
    }

    /** Whether HMAC-SHA1 uses precomputed pad states ({@link HmacSha1#padStatesAvailable()}). */
    public static boolean hmacFastPath() {
        return HmacSha1.padStatesAvailable();
    }

    /**
     * @param cipher          "AES_CM", "AES_GCM" or "NULL"
     * @param rtpTagLength    SRTP tag bytes (ignored for GCM)
     * @param rtcpTagLength   SRTCP tag bytes (ignored for GCM)
     */
    public static PacketCrypto create(String cipher, byte[] masterKey, byte[] masterSalt, int rtpTagLength,
                                      int rtcpTagLength, boolean encryptRtp, boolean encryptRtcp,
                                      boolean authenticateRtp) {
        int keyLen = masterKey.length;
        try (SrtpKdf kdf = new SrtpKdf(masterKey, masterSalt)) {
            if ("AES_GCM".equals(cipher)) {
                byte[] rtpKey = kdf.derive(SrtpKdf.LABEL_RTP_ENCRYPTION, keyLen);
                byte[] rtpSalt = kdf.derive(SrtpKdf.LABEL_RTP_SALT, 12);
                byte[] rtcpKey = kdf.derive(SrtpKdf.LABEL_RTCP_ENCRYPTION, keyLen);
                byte[] rtcpSalt = kdf.derive(SrtpKdf.LABEL_RTCP_SALT, 12);
                try {
                    return new GcmCrypto(rtpKey, rtpSalt, rtcpKey, rtcpSalt);
                } finally {
                    wipe(rtpKey, rtpSalt, rtcpKey, rtcpSalt);
                }
            }
            boolean aes = "AES_CM".equals(cipher);
            byte[] rtpKey = aes && encryptRtp ? kdf.derive(SrtpKdf.LABEL_RTP_ENCRYPTION, keyLen) : null;
            byte[] rtpAuth = authenticateRtp ? kdf.derive(SrtpKdf.LABEL_RTP_AUTH, 20) : null;
            byte[] rtpSalt = kdf.derive(SrtpKdf.LABEL_RTP_SALT, 14);
            byte[] rtcpKey = aes && encryptRtcp ? kdf.derive(SrtpKdf.LABEL_RTCP_ENCRYPTION, keyLen) : null;
            byte[] rtcpAuth = kdf.derive(SrtpKdf.LABEL_RTCP_AUTH, 20);
            byte[] rtcpSalt = kdf.derive(SrtpKdf.LABEL_RTCP_SALT, 14);
            try {
                return new CounterModeCrypto(rtpKey, rtpAuth, rtpSalt, rtpTagLength,
                        rtcpKey, rtcpAuth, rtcpSalt, rtcpTagLength);
            } finally {
                wipe(rtpKey, rtpAuth, rtpSalt, rtcpKey, rtcpAuth, rtcpSalt);
            }
        }
    }

    private static void wipe(byte[]... arrays) {
        for (byte[] a : arrays) {
            if (a != null) {
                Arrays.fill(a, (byte) 0);
            }
        }
    }
}
