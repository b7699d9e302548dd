package org.voxgate.lab.g711;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lab's A-law against values fixed by ITU-T G.711 (Table 1a) and against the node's table codec. */
class ALawCodecTest {

    @Test
    void knownCodesOfG711() {
        // zero and the smallest negative value sit in the two innermost intervals, +-1 of 13 bits (8 of 16)
        assertThat(ALawCodec.encode((short) 0) & 0xFF).isEqualTo(0xD5);
        assertThat(ALawCodec.encode((short) -1) & 0xFF).isEqualTo(0x55);
        assertThat(ALawCodec.decode((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(ALawCodec.decode((byte) 0x55)).isEqualTo((short) -8);
        // the outermost intervals: 13-bit 4032 = 32256 of 16 bits
        assertThat(ALawCodec.encode(Short.MAX_VALUE) & 0xFF).isEqualTo(0xAA);
        assertThat(ALawCodec.encode(Short.MIN_VALUE) & 0xFF).isEqualTo(0x2A);
        assertThat(ALawCodec.decode((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(ALawCodec.decode((byte) 0x2A)).isEqualTo((short) -32256);
        // segment edges: 13-bit 32 starts segment 1 (code 0x10 before inversion), 31 is the top of segment 0
        assertThat(ALawCodec.encode((short) (32 << 3)) & 0xFF).isEqualTo(0x90 ^ 0x55);
        assertThat(ALawCodec.encode((short) (31 << 3)) & 0xFF).isEqualTo(0x8F ^ 0x55);
        assertThat(ALawCodec.decode((byte) (0x90 ^ 0x55))).isEqualTo((short) (33 << 3));
    }

    @Test
    void everyCodeDecodesToTheMiddleOfItsIntervalAndBack() {
        for (int c = 0; c < 256; c++) {
            short v = ALawCodec.decode((byte) c);
            assertThat(ALawCodec.encode(v) & 0xFF).as("code %02x", c).isEqualTo(c);
        }
    }

    @Test
    void agreesWithTheNodesTableCodecForEverySample() {
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            byte ours = ALawCodec.encode((short) s);
            byte node = org.voxgate.bridge.internal.codec.G711.PCMA.encode((short) s);
            if (ours != node) {
                assertThat(ours & 0xFF).as("sample %d", s).isEqualTo(node & 0xFF);
            }
        }
        for (int c = 0; c < 256; c++) {
            assertThat(ALawCodec.decode((byte) c)).as("code %02x", c)
                    .isEqualTo(org.voxgate.bridge.internal.codec.G711.PCMA.decode((byte) c));
        }
    }
}
