package org.voxgate.srtp.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** HMAC-SHA1 against RFC 2202 section 3 and the JDK's Mac for many lengths. */
class HmacSha1Test {
    private static final HexFormat HEX = HexFormat.of();

    private static String mac(byte[] key, byte[] data, int rocOrMinus1) {
        HmacSha1 h = new HmacSha1(key);
        byte[] out = new byte[20];
        h.start();
        h.update(data, 0, data.length);
        if (rocOrMinus1 != -1) {
            h.updateInt(rocOrMinus1);
        }
        h.finish(out, 0);
        return HEX.formatHex(out);
    }

    @Test
    void rfc2202() {
        assertThat(mac(HEX.parseHex("0b".repeat(20)), "Hi There".getBytes(), -1))
                .isEqualTo("b617318655057264e28bc0b6fb378c8ef146be00");
        assertThat(mac("Jefe".getBytes(), "what do ya want for nothing?".getBytes(), -1))
                .isEqualTo("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
        assertThat(mac(HEX.parseHex("aa".repeat(80)),
                "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(), -1))
                .isEqualTo("aa4ae5e15272d00e95705637ce8a3b55ed402112");
    }

    @Test
    void matchesJdkForEveryLengthUpTo300() throws Exception {
        Random r = new Random(3);
        byte[] key = new byte[20];
        r.nextBytes(key);
        Mac jdk = Mac.getInstance("HmacSHA1");
        jdk.init(new SecretKeySpec(key, "HmacSHA1"));
        HmacSha1 mine = new HmacSha1(key);
        byte[] out = new byte[20];
        for (int len = 0; len <= 300; len++) {
            byte[] data = new byte[len];
            r.nextBytes(data);
            int roc = r.nextInt();
            jdk.update(data);
            jdk.update(new byte[] {(byte) (roc >>> 24), (byte) (roc >>> 16), (byte) (roc >>> 8), (byte) roc});
            byte[] expected = jdk.doFinal();
            mine.start();
            mine.update(data, 0, len / 3);
            mine.update(data, len / 3, len - len / 3);
            mine.updateInt(roc);
            mine.finish(out, 0);
            assertThat(out).as("length %d", len).isEqualTo(expected);
        }
    }
}
