package org.voxgate.bridge.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * G.711 against values of ITU-T G.711 (tables 1a/2a: segment end points and reconstruction
 * levels, expressed in 16-bit scale) and the code words every implementation agrees on.
 */
class G711VectorsTest {

    @Test
    void muLawKnownCodeWords() {
        assertThat(G711.PCMU.encode((short) 0)).isEqualTo((byte) 0xFF);
        assertThat(G711.PCMU.encode((short) -1)).isEqualTo((byte) 0x7E); // 14-bit -1 is magnitude 1
        assertThat(G711.PCMU.encode((short) 32767)).isEqualTo((byte) 0x80);
        assertThat(G711.PCMU.encode((short) -32768)).isEqualTo((byte) 0x00);
        assertThat(G711.PCMU.decode((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(G711.PCMU.decode((byte) 0x7F)).isEqualTo((short) 0);
        assertThat(G711.PCMU.decode((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711.PCMU.decode((byte) 0x00)).isEqualTo((short) -32124);
        // segment 1 starts at 14-bit level 33 (132 in 16-bit scale): code 0xEF
        assertThat(G711.PCMU.decode((byte) 0xEF)).isEqualTo((short) 132);
        // last level of segment 0: code 0xF0 -> 14-bit 30
        assertThat(G711.PCMU.decode((byte) 0xF0)).isEqualTo((short) 120);
    }

    @Test
    void aLawKnownCodeWords() {
        assertThat(G711.PCMA.encode((short) 0)).isEqualTo((byte) 0xD5);
        assertThat(G711.PCMA.encode((short) -1)).isEqualTo((byte) 0x55);
        assertThat(G711.PCMA.encode((short) 32767)).isEqualTo((byte) 0xAA);
        assertThat(G711.PCMA.encode((short) -32768)).isEqualTo((byte) 0x2A);
        assertThat(G711.PCMA.decode((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.PCMA.decode((byte) 0x55)).isEqualTo((short) -8);
        assertThat(G711.PCMA.decode((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(G711.PCMA.decode((byte) 0x2A)).isEqualTo((short) -32256);
        // first level of segment 1 (13-bit 33 -> 264 in 16-bit scale): code 0x10 ^ 0xD5 = 0xC5
        assertThat(G711.PCMA.decode((byte) 0xC5)).isEqualTo((short) 264);
    }

    @Test
    void everyCodeWordSurvivesDecodeEncode() {
        for (int c = 0; c < 256; c++) {
            byte code = (byte) c;
            assertThat(G711.PCMA.encode(G711.PCMA.decode(code))).as("A-law %02x", c).isEqualTo(code);
            byte expected = c == 0x7F ? (byte) 0xFF : code; // mu-law has two zeros; encode picks +0
            assertThat(G711.PCMU.encode(G711.PCMU.decode(code))).as("mu-law %02x", c).isEqualTo(expected);
        }
    }

    @Test
    void decodeIsMonotonicAndErrorBoundedBySegment() {
        for (G711 law : G711.values()) {
            short prev = Short.MIN_VALUE;
            for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s += 7) {
                short y = law.decode(law.encode((short) s));
                assertThat(y).isGreaterThanOrEqualTo(prev);
                prev = y;
                // step size grows with the segment: the error stays below 1/16 of the magnitude + the
                // smallest step
                assertThat(Math.abs(y - s)).isLessThanOrEqualTo(Math.abs(s) / 16 + 140);
            }
        }
    }
}
