package org.voxgate.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.voxgate.srtp.internal.crypto.AesCounterMode;
import org.voxgate.srtp.internal.crypto.SrtpKdf;

/**
 * RFC 6188 section 7.1 (AES-256-CM keystream) and 7.2 (AES_256_CM_PRF key derivation), and
 * libsrtp's srtp_validate_aes_256 packet (test/srtp_driver.c).
 */
class Rfc6188VectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void section71Keystream() {
        AesCounterMode cm = new AesCounterMode(
                HEX.parseHex("57f82fe3613fd170a85ec93c40b1f0922ec4cb0dc025b58272147cc438944a98"));
        byte[] ks = new byte[16 * 0xFF02];
        cm.keystream(HEX.parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfd0000"), ks, 0, ks.length);
        assertThat(HEX.formatHex(ks, 0, 48)).isEqualTo("92bdd28a93c3f52511c677d08b5515a4"
                + "9da71b2378a854f67050756ded165bac63c4868b7096d88421b563b8c94c9a31");
        assertThat(HEX.formatHex(ks, ks.length - 48, ks.length)).isEqualTo("cea518c90fd91ced9cbb18c078a54711"
                + "3dbc4814f4da5f00a08772b63c6a046d6eb246913062a16891433e97dd01a57f");
    }

    @Test
    void section72KeyDerivation() {
        try (SrtpKdf kdf = new SrtpKdf(
                HEX.parseHex("f0f04914b513f2763a1b1fa130f10e2998f6f6e43e4309d1e622a0e332b9f1b6"),
                HEX.parseHex("3b04803de51ee7c96423ab5b78d2"))) {
            assertThat(HEX.formatHex(kdf.derive(SrtpKdf.LABEL_RTP_ENCRYPTION, 32)))
                    .isEqualTo("5ba1064e30ec51613cad926c5a28ef731ec7fb397f70a960653caf06554cd8c4");
            assertThat(HEX.formatHex(kdf.derive(SrtpKdf.LABEL_RTP_SALT, 14))).isEqualTo("fa31791685ca444a9e07c6c64e93");
            assertThat(HEX.formatHex(kdf.derive(SrtpKdf.LABEL_RTP_AUTH, 20)))
                    .isEqualTo("fd9c32d39ed5fbb5a9dc96b30818454d1313dc05");
        }
    }

    @Test
    void libsrtpAes256Packet() {
        byte[] keyAndSalt = HEX.parseHex("f0f04914b513f2763a1b1fa130f10e2998f6f6e43e4309d1e622a0e332b9f1b6"
                + "3b04803de51ee7c96423ab5b78d2");
        String plain = "800f1234decafbadcafebabe" + "ab".repeat(16);
        String prot = "800f1234decafbadcafebabef1d9de17ff251ff1aa007774b0b4b40da08d9d9a5b3a55d8873b";
        SrtpPolicy policy = SrtpPolicy.of(SrtpProfile.AES_256_CM_HMAC_SHA1_80);
        try (SrtpKeys k = SrtpKeys.fromConcatenated(policy.profile(), keyAndSalt, null);
             SrtpContext tx = SrtpContext.forSending(policy, k);
             SrtpContext rx = SrtpContext.forReceiving(policy, k)) {
            byte[] b = Arrays.copyOf(HEX.parseHex(plain), 64);
            SrtpPacket p = new SrtpPacket(b, 0, 28);
            assertThat(tx.protect(p)).isEqualTo(SrtpStatus.OK);
            assertThat(HEX.formatHex(b, 0, p.length())).isEqualTo(prot);
            assertThat(rx.unprotect(p)).isEqualTo(SrtpStatus.OK);
            assertThat(HEX.formatHex(b, 0, p.length())).isEqualTo(plain);
        }
    }
}
