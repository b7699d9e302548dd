package org.voxgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void sealsAndOpensWithFreshNonceEachTime() {
        SecretBox box = new SecretBox(key(1));
        String a = box.seal("s3cret-password", "trunks.x");
        String b = box.seal("s3cret-password", "trunks.x");
        assertThat(a).startsWith("v1:").doesNotContain("s3cret").isNotEqualTo(b);
        assertThat(box.open(a, "trunks.x")).isEqualTo("s3cret-password");
        assertThat(box.open(b, "trunks.x")).isEqualTo("s3cret-password");
        assertThat(box.seal(null, "x")).isNull();
        assertThat(box.open(null, "x")).isNull();
    }

    @Test
    void refusesOtherKeyOtherContextAndTampering() {
        SecretBox box = new SecretBox(key(1));
        String sealed = box.seal("pw123456", "trunks.a");
        assertThatThrownBy(() -> new SecretBox(key(2)).open(sealed, "trunks.a"))
                .isInstanceOf(SecretBox.SecretException.class).hasMessageNotContaining("pw123456");
        assertThatThrownBy(() -> box.open(sealed, "trunks.b")).isInstanceOf(SecretBox.SecretException.class);
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        String flipped = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> box.open(flipped, "trunks.a")).isInstanceOf(SecretBox.SecretException.class);
        assertThatThrownBy(() -> box.open("plain", "trunks.a")).isInstanceOf(SecretBox.SecretException.class);
        assertThatThrownBy(() -> box.open("v1:AAAA", "trunks.a")).isInstanceOf(SecretBox.SecretException.class);
    }

    @Test
    void keyMustBe32Bytes() {
        assertThatThrownBy(() -> new SecretBox(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
