package org.voxgate.srtp.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** Our table-driven AES-GCM against the JDK's GCM for many AAD and text lengths, both key sizes. */
class AesGcmTest {

    @Test
    void matchesJdkGcm() throws Exception {
        Random r = new Random(11);
        for (int keyLen : new int[] {16, 32}) {
            byte[] key = new byte[keyLen];
            r.nextBytes(key);
            AesGcm mine = new AesGcm(key);
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
}
