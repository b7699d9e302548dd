package org.voxgate.srtp.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Arrays;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our table-driven AES-GCM against the JDK's GCM for many AAD and text lengths, both key sizes,
 * every GHASH (the JDK's where opened, both table sizes), at unaligned offsets and with the AAD in the same array as the text.
 */
class AesGcmTest {

    private static Ghash.Mode mode(Ghash.Mode m) {
        if (m == Ghash.Mode.JDK) {
            assumeThat(JdkGhash.available()).as(String.valueOf(JdkGhash.unavailableBecause())).isTrue();
        }
        return m;
    }

    @ParameterizedTest(name = "GHASH {0}")
    @EnumSource(Ghash.Mode.class)
    void matchesJdkGcm(Ghash.Mode ghashMode) throws Exception {
        Random r = new Random(11);
        for (int keyLen : new int[] {16, 32}) {
            byte[] key = new byte[keyLen];
            r.nextBytes(key);
            AesGcm mine = new AesGcm(key, mode(ghashMode));
            Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
            for (int n = 0; n < 400; n++) {
                byte[] iv = new byte[12];
                r.nextBytes(iv);
                int aadLen = r.nextInt(70);
                int textLen = n < 100 ? n : r.nextInt(1500);
                byte[] aad = new byte[aadLen];
                byte[] text = new byte[textLen];
                r.nextBytes(aad);
                r.nextBytes(text);
                jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
                jdk.updateAAD(aad);
                byte[] expected = jdk.doFinal(text);

                byte[] buf = Arrays.copyOf(text, textLen + 16);
                mine.seal(iv, aad, 0, aadLen, buf, 0, textLen);
                assertThat(buf).as("seal aad %d text %d", aadLen, textLen).isEqualTo(expected);
                assertThat(mine.open(iv, aad, 0, aadLen, buf, 0, textLen + 16)).isTrue();
                assertThat(Arrays.copyOf(buf, textLen)).isEqualTo(text);

                byte[] forged = Arrays.copyOf(expected, expected.length);
                forged[r.nextInt(forged.length)] ^= (byte) (1 << r.nextInt(8));
                byte[] before = forged.clone();
                assertThat(mine.open(iv, aad, 0, aadLen, forged, 0, forged.length)).isFalse();
                assertThat(forged).isEqualTo(before);
            }
        }
    }

    @ParameterizedTest(name = "GHASH {0}")
    @EnumSource(Ghash.Mode.class)
    void matchesJdkGcmInPlaceAtOffsets(Ghash.Mode ghashMode) throws Exception {
        Random r = new Random(12);
        byte[] key = new byte[16];
        r.nextBytes(key);
        AesGcm mine = new AesGcm(key, mode(ghashMode));
        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
        for (int n = 0; n < 300; n++) {
            byte[] iv = new byte[12];
            r.nextBytes(iv);
            int off = r.nextInt(9);
            int aadLen = 12 + 4 * r.nextInt(16);
            int textLen = r.nextInt(1200);
            byte[] packet = new byte[off + aadLen + textLen + 16 + r.nextInt(5)];
            r.nextBytes(packet);
            jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            jdk.updateAAD(packet, off, aadLen);
            byte[] expected = jdk.doFinal(packet, off + aadLen, textLen);
            byte[] plain = packet.clone();

            mine.seal(iv, packet, off, aadLen, packet, off + aadLen, textLen);
            assertThat(Arrays.copyOfRange(packet, off + aadLen, off + aadLen + textLen + 16))
                    .as("off %d aad %d text %d", off, aadLen, textLen).isEqualTo(expected);
            assertThat(mine.open(iv, packet, off, aadLen, packet, off + aadLen, textLen + 16)).isTrue();
            assertThat(Arrays.copyOf(packet, off + aadLen + textLen))
                    .isEqualTo(Arrays.copyOf(plain, off + aadLen + textLen));
        }
    }

    @Test
    void bestModeFollowsAvailability() {
        assertThat(Ghash.Mode.best(true)).isEqualTo(JdkGhash.available() ? Ghash.Mode.JDK : Ghash.Mode.WIDE);
        assertThat(Ghash.Mode.best(false)).isEqualTo(JdkGhash.available() ? Ghash.Mode.JDK : Ghash.Mode.COMPACT);
        String expected = System.getProperty("voxgate.test.expectGhashFastPath");
        if (expected != null) { // set by the srtp pom for each surefire execution
            assertThat(JdkGhash.available()).as(String.valueOf(JdkGhash.unavailableBecause()))
                    .isEqualTo(Boolean.parseBoolean(expected));
        }
    }

    @Test
    void wideAndCompactTablesAgreeOnRandomBlocks() {
        Random r = new Random(13);
        for (int k = 0; k < 20; k++) {
            byte[] h = new byte[16];
            r.nextBytes(h);
            Ghash wide = new Ghash(h, Ghash.Mode.WIDE);
            Ghash compact = new Ghash(h, Ghash.Mode.COMPACT);
            byte[] data = new byte[r.nextInt(300)];
            r.nextBytes(data);
            byte[] a = new byte[16];
            byte[] b = new byte[16];
            wide.updatePadded(data, 0, data.length);
            wide.finish(0, data.length, a, 0);
            compact.updatePadded(data, 0, data.length);
            compact.finish(0, data.length, b, 0);
            assertThat(a).isEqualTo(b);
            if (JdkGhash.available()) {
                Ghash jdk = new Ghash(h, Ghash.Mode.JDK);
                byte[] c = new byte[16];
                jdk.updatePadded(data, 0, data.length);
                jdk.finish(0, data.length, c, 0);
                assertThat(c).isEqualTo(a);
            }
        }
    }
}
