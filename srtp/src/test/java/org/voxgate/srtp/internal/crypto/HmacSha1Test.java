package org.voxgate.srtp.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both HMAC-SHA1 implementations against RFC 2202 section 3 and the JDK's {@code Mac} for many
 * lengths and split points. The precomputed-pad one runs only where {@link JdkSha1} is available
 * (surefire's default execution opens {@code sun.security.provider}; the {@code hmac-fallback}
 * execution does not, and checks that the fallback was chosen).
 */
class HmacSha1Test {
    private static final HexFormat HEX = HexFormat.of();

    static List<String> implementations() {
        return List.of("messageDigest", "padStates");
    }

    private static Function<byte[], HmacSha1> factory(String name) {
        if (name.equals("padStates")) {
            assumeThat(HmacSha1.padStatesAvailable()).as(JdkSha1.unavailableBecause()).isTrue();
            return HmacSha1::withPadStates;
        }
        return HmacSha1::overMessageDigest;
    }

    private static String mac(HmacSha1 h, byte[] data, int rocOrMinus1) {
        byte[] out = new byte[20];
        h.start();
        h.update(data, 0, data.length);
        if (rocOrMinus1 != -1) {
            h.updateInt(rocOrMinus1);
        }
        h.finish(out, 0);
        return HEX.formatHex(out);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void rfc2202(String impl) {
        Function<byte[], HmacSha1> f = factory(impl);
        String[][] cases = {
            {"0b".repeat(20), HEX.formatHex("Hi There".getBytes()), "b617318655057264e28bc0b6fb378c8ef146be00"},
            {HEX.formatHex("Jefe".getBytes()), HEX.formatHex("what do ya want for nothing?".getBytes()),
                "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
            {"aa".repeat(20), "dd".repeat(50), "125d7342b9ac11cd91a39af48aa17b4f63f175d3"},
            {"0102030405060708090a0b0c0d0e0f10111213141516171819", "cd".repeat(50),
                "4c9007f4026250c6bc8414f9bf50c86c2d7235da"},
            {"0c".repeat(20), HEX.formatHex("Test With Truncation".getBytes()),
                "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04"},
            {"aa".repeat(80), HEX.formatHex("Test Using Larger Than Block-Size Key - Hash Key First".getBytes()),
                "aa4ae5e15272d00e95705637ce8a3b55ed402112"},
            {"aa".repeat(80), HEX.formatHex(
                "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data".getBytes()),
                "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"},
        };
        for (String[] c : cases) {
            HmacSha1 h = f.apply(HEX.parseHex(c[0]));
            assertThat(mac(h, HEX.parseHex(c[1]), -1)).as(c[0]).isEqualTo(c[2]);
            assertThat(mac(h, HEX.parseHex(c[1]), -1)).as("again, same object").isEqualTo(c[2]);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void matchesJdkForEveryLengthUpTo300(String impl) throws Exception {
        Random r = new Random(3);
        byte[] key = new byte[20];
        r.nextBytes(key);
        Mac jdk = Mac.getInstance("HmacSHA1");
        jdk.init(new SecretKeySpec(key, "HmacSHA1"));
        HmacSha1 mine = factory(impl).apply(key);
        byte[] out = new byte[24];
        for (int len = 0; len <= 300; len++) {
            byte[] data = new byte[len + 7];
            r.nextBytes(data);
            int roc = r.nextInt();
            jdk.update(data, 7, len);
            jdk.update(new byte[] {(byte) (roc >>> 24), (byte) (roc >>> 16), (byte) (roc >>> 8), (byte) roc});
            byte[] expected = jdk.doFinal();
            mine.start();
            mine.update(data, 7, len / 3);
            mine.update(data, 7 + len / 3, len - len / 3);
            mine.updateInt(roc);
            mine.finish(out, 3);
            assertThat(java.util.Arrays.copyOfRange(out, 3, 23)).as("length %d", len).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void randomKeysSplitsAndAbandonedMessagesMatchJdk(String impl) throws Exception {
        Random r = new Random(11);
        Function<byte[], HmacSha1> f = factory(impl);
        Mac jdk = Mac.getInstance("HmacSHA1");
        for (int trial = 0; trial < 300; trial++) {
            byte[] key = new byte[1 + r.nextInt(100)];
            r.nextBytes(key);
            jdk.init(new SecretKeySpec(key, "HmacSHA1"));
            HmacSha1 mine = f.apply(key);
            if (r.nextBoolean()) { // a message abandoned half way must not leak into the next
                mine.start();
                mine.update(key, 0, key.length);
            }
            byte[] data = new byte[r.nextInt(1500)];
            r.nextBytes(data);
            mine.start();
            int at = 0;
            while (at < data.length) {
                int n = Math.min(data.length - at, r.nextInt(200));
                mine.update(data, at, n);
                at += n;
            }
            int roc = r.nextInt();
            mine.updateInt(roc);
            jdk.update(data);
            jdk.update(new byte[] {(byte) (roc >>> 24), (byte) (roc >>> 16), (byte) (roc >>> 8), (byte) roc});
            byte[] out = new byte[20];
            mine.finish(out, 0);
            assertThat(out).as("trial %d", trial).isEqualTo(jdk.doFinal());
            mine.close();
        }
    }

    @Test
    void compressBlocksRefusesARangePastTheArray() {
        assumeThat(JdkSha1.available()).isTrue();
        JdkSha1 sha = new JdkSha1();
        // 7 + 128 > 130: the JDK's own check (end rounded down from index 0) would let this pass.
        assertThatThrownBy(() -> sha.compressBlocks(new byte[130], 7, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
        sha.compressBlocks(new byte[135], 7, 2);
    }

    @Test
    void createFollowsAvailabilityAndTheProperty() {
        boolean forcedOff = "false".equalsIgnoreCase(System.getProperty(JdkSha1.PROPERTY));
        boolean opened = Object.class.getModule().isOpen("sun.security.provider", HmacSha1Test.class.getModule());
        assertThat(HmacSha1.padStatesAvailable()).isEqualTo(opened && !forcedOff);
        HmacSha1 h = HmacSha1.create(new byte[20]);
        assertThat(h).isInstanceOf(HmacSha1.padStatesAvailable() ? PadStateHmacSha1.class : DigestHmacSha1.class);
        String expected = System.getProperty("voxgate.test.expectHmacFastPath");
        if (expected != null) { // set by the srtp pom for each surefire execution
            assertThat(HmacSha1.padStatesAvailable()).as(String.valueOf(JdkSha1.unavailableBecause()))
                    .isEqualTo(Boolean.parseBoolean(expected));
        }
        if (!HmacSha1.padStatesAvailable()) {
            assertThat(JdkSha1.unavailableBecause()).isNotBlank();
        }
    }
}
