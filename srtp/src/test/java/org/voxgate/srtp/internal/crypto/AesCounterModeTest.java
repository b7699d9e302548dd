package org.voxgate.srtp.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/**
 * Our counter mode (ECB over counter blocks, word-wise XOR) against the JDK's {@code AES/CTR}
 * for random lengths at unaligned offsets, three key sizes; bytes outside the range stay put.
 */
class AesCounterModeTest {

    @Test
    void matchesJdkCtrAtOffsets() throws Exception {
        Random r = new Random(21);
        for (int keyLen : new int[] {16, 24, 32}) {
            byte[] key = new byte[keyLen];
            r.nextBytes(key);
            AesCounterMode mine = new AesCounterMode(key);
            Cipher jdk = Cipher.getInstance("AES/CTR/NoPadding");
            for (int n = 0; n < 300; n++) {
                byte[] iv = new byte[16];
                r.nextBytes(iv);
                iv[14] = 0; // SRTP's block counter starts at zero in the low 16 bits
                iv[15] = 0;
                int off = r.nextInt(9);
                int len = n < 40 ? n : r.nextInt(3000);
                byte[] buf = new byte[off + len + r.nextInt(9)];
                r.nextBytes(buf);
                jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
                byte[] expected = buf.clone();
                jdk.doFinal(buf, off, len, expected, off);

                byte[] ivArg = iv.clone();
                ivArg[14] = (byte) r.nextInt(); // ignored: replaced by the block counter
                ivArg[15] = (byte) r.nextInt();
                mine.xor(ivArg, buf, off, len);
                assertThat(buf).as("key %d off %d len %d", keyLen, off, len).isEqualTo(expected);
            }
            byte[] ks = new byte[37];
            byte[] iv = new byte[16];
            mine.keystream(iv, ks, 0, 37);
            jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            assertThat(ks).isEqualTo(jdk.doFinal(new byte[37]));
        }
    }
}
