package org.voxgate.srtp.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our table-driven AES-GCM against the JDK's GCM for many AAD and text lengths, both key sizes,
 * both GHASH table sizes, at unaligned offsets and with the AAD in the same array as the text.
 */
class AesGcmTest {

    @ParameterizedTest(name = "wide GHASH tables: {0}")
    @ValueSource(booleans = {true, false})
    void matchesJdkGcm(boolean fast) throws Exception {
        Random r = new Random(11);
        for (int keyLen : new int[] {16, 32}) {
            byte[] key = new byte[keyLen];
            r.nextBytes(key);
            AesGcm mine = new AesGcm(key, fast);
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

    @ParameterizedTest(name = "wide GHASH tables: {0}")
    @ValueSource(booleans = {true, false})
    void matchesJdkGcmInPlaceAtOffsets(boolean fast) throws Exception {
        Random r = new Random(12);
        byte[] key = new byte[16];
        r.nextBytes(key);
        AesGcm mine = new AesGcm(key, fast);
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
    void wideAndCompactTablesAgreeOnRandomBlocks() {
        Random r = new Random(13);
        for (int k = 0; k < 20; k++) {
            byte[] h = new byte[16];
            r.nextBytes(h);
            Ghash wide = new Ghash(h, true);
            Ghash compact = new Ghash(h, false);
            byte[] data = new byte[r.nextInt(300)];
            r.nextBytes(data);
            byte[] a = new byte[16];
            byte[] b = new byte[16];
            wide.updatePadded(data, 0, data.length);
            wide.finish(0, data.length, a, 0);
            compact.updatePadded(data, 0, data.length);
            compact.finish(0, data.length, b, 0);
            assertThat(a).isEqualTo(b);
        }
    }
}
