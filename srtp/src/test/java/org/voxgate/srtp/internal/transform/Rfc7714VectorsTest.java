package org.voxgate.srtp.internal.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * RFC 7714 sections 16 (SRTP) and 17 (SRTCP) for AEAD_AES_128_GCM and AEAD_AES_256_GCM. The RFC
 * states them with session keys and salt "Quid pro quo", so they run below the KDF.
 */
class Rfc7714VectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY_128 = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] KEY_256 = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final byte[] SALT = HEX.parseHex("517569642070726f2071756f");
    private static final String RTP = "8040f17b8041f8d35501a0b2"
            + "47616c6c696120657374206f6d6e69732064697669736120696e207061727465732074726573";
    private static final String SRTP_128 = "8040f17b8041f8d35501a0b2"
            + "f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf8833"
            + "899d7f27beb16a9152cf765ee4390cce";
    private static final String SRTP_256 = "8040f17b8041f8d35501a0b2"
            + "32b1de78a822fe12ef9f78fa332e33aab18012389a58e2f3b50b2a0276ffae0f1ba63799b87b"
            + "7aa3db36dfffd6b0f9bb7878d7a76c13";
    private static final String RTCP = "81c8000d4d6172734e5450314e545032525450200000042a0000e930"
            + "4c756e61deadbeefdeadbeefdeadbeefdeadbeefdeadbeef";
    private static final String SRTCP_128 = "81c8000d4d617273"
            + "63e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32dc676a5f1730d6fda4ce09b4686303ded0bb9275b"
            + "c84aa45896cf4d2fc5abf87245d9eade" + "800005d4";
    private static final String SRTCP_256 = "81c8000d4d617273"
            + "d50ae4d1f5ce5d304ba297e47d470c282c3ece5dbffe0a50a2eaa5c1110555be8415f658c61de0476f1b6fad"
            + "1d1eb30c4446839f57ff6f6cb26ac3be" + "800005d4";
    private static final String SRTCP_128_TAG_ONLY = RTCP + "841dd9683dd78ec92ae58790125f62b3" + "000005d4";
    private static final int SSRC_RTP = 0x5501a0b2;
    private static final int SSRC_RTCP = 0x4d617273;
    private static final int SRTCP_INDEX = 0x5d4;

    private static GcmCrypto gcm(byte[] key) {
        return new GcmCrypto(key, SALT, key, SALT);
    }

    private static void rtp(byte[] key, String expected) {
        byte[] b = Arrays.copyOf(HEX.parseHex(RTP), 100);
        int len = gcm(key).protectRtp(b, 0, 12, RTP.length() / 2, SSRC_RTP, 0xf17b, new byte[0]);
        assertThat(HEX.formatHex(b, 0, len)).isEqualTo(expected);
        int back = gcm(key).unprotectRtp(b, 0, 12, len, SSRC_RTP, 0xf17b, 0);
        assertThat(HEX.formatHex(b, 0, back)).isEqualTo(RTP);
    }

    private static void rtcp(byte[] key, String expected, boolean encrypt) {
        byte[] b = Arrays.copyOf(HEX.parseHex(RTCP), 120);
        int len = gcm(key).protectRtcp(b, 0, RTCP.length() / 2, SSRC_RTCP, SRTCP_INDEX, encrypt, new byte[0]);
        assertThat(HEX.formatHex(b, 0, len)).isEqualTo(expected);
        int back = gcm(key).unprotectRtcp(b, 0, len, SSRC_RTCP, SRTCP_INDEX, encrypt, 0);
        assertThat(HEX.formatHex(b, 0, back)).isEqualTo(RTCP);
    }

    @Test
    void section16Srtp() {
        rtp(KEY_128, SRTP_128);
        rtp(KEY_256, SRTP_256);
    }

    @Test
    void section17Srtcp() {
        rtcp(KEY_128, SRTCP_128, true);
        rtcp(KEY_256, SRTCP_256, true);
        rtcp(KEY_128, SRTCP_128_TAG_ONLY, false);
    }

    @Test
    void tamperedTagFails() {
        byte[] b = HEX.parseHex(SRTP_128);
        b[b.length - 1] ^= 1;
        byte[] copy = b.clone();
        assertThat(gcm(KEY_128).unprotectRtp(b, 0, 12, b.length, SSRC_RTP, 0xf17b, 0)).isEqualTo(-1);
        assertThat(b).isEqualTo(copy);
    }
}
