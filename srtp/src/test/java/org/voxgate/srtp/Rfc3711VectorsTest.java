package org.voxgate.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.voxgate.srtp.internal.crypto.AesCounterMode;
import org.voxgate.srtp.internal.crypto.SrtpKdf;

/** RFC 3711 Appendix B.2 (AES-CM keystream) and B.3 (key derivation). */
class Rfc3711VectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void b2AesCounterModeKeystream() {
        byte[] sessionKey = HEX.parseHex("2B7E151628AED2A6ABF7158809CF4F3C");
        byte[] iv = HEX.parseHex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
        AesCounterMode cm = new AesCounterMode(sessionKey);
        byte[] ks = new byte[16 * 0xFF02];
        cm.keystream(iv, ks, 0, ks.length);
        assertThat(HEX.formatHex(ks, 0, 16)).isEqualToIgnoringCase("E03EAD0935C95E80E166B16DD92B4EB4");
        assertThat(HEX.formatHex(ks, 16, 32)).isEqualToIgnoringCase("D23513162B02D0F72A43A2FE4A5F97AB");
        assertThat(HEX.formatHex(ks, 32, 48)).isEqualToIgnoringCase("41E95B3BB0A2E8DD477901E4FCA894C0");
        assertThat(HEX.formatHex(ks, 16 * 0xFEFF, 16 * 0xFF00)).isEqualToIgnoringCase("EC8CDF7398607CB0F2D21675EA9EA1E4");
        assertThat(HEX.formatHex(ks, 16 * 0xFF00, 16 * 0xFF01)).isEqualToIgnoringCase("362B7C3C6773516318A077D7FC5073AE");
        assertThat(HEX.formatHex(ks, 16 * 0xFF01, 16 * 0xFF02)).isEqualToIgnoringCase("6A2CC3787889374FBEB4C81B17BA6C44");
    }

    @Test
    void b3KeyDerivation() {
        try (SrtpKdf kdf = new SrtpKdf(HEX.parseHex("E1F97A0D3E018BE0D64FA32C06DE4139"),
                HEX.parseHex("0EC675AD498AFEEBB6960B3AABE6"))) {
            assertThat(HEX.formatHex(kdf.derive(SrtpKdf.LABEL_RTP_ENCRYPTION, 16)))
                    .isEqualToIgnoringCase("C61E7A93744F39EE10734AFE3FF7A087");
            assertThat(HEX.formatHex(kdf.derive(SrtpKdf.LABEL_RTP_SALT, 14)))
                    .isEqualToIgnoringCase("30CBBC08863D8C85D49DB34A9AE1");
            assertThat(HEX.formatHex(kdf.derive(SrtpKdf.LABEL_RTP_AUTH, 94)))
                    .isEqualToIgnoringCase("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"
                            + "8F0A0ACF3C34E2359E6CDBCEE049646C43D9327AD175578EF7227098"
                            + "6371C10C9A369AC2F94A8C5FBCDDDC256D6E919A48B610EF17C2041E47403576"
                            + "6B68642C59BBFC2F34DB60DBDFB2");
        }
    }
}
