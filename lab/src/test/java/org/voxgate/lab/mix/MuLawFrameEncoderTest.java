package org.voxgate.lab.mix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MuLawFrameEncoderTest {

    /** G.711 mu-law expansion, written out from the code word layout. */
    static int decode(byte code) {
        int c = ~code & 0xff;
        int magnitude = ((((c & 0x0f) << 3) + 0x84) << ((c >> 4) & 7)) - 0x84;
        return (c & 0x80) != 0 ? -magnitude : magnitude;
    }

    @Test
    void knownCodeWords() {
        assertThat(MuLawFrameEncoder.encode((short) 0)).isEqualTo((byte) 0xff);
        assertThat(MuLawFrameEncoder.encode((short) -1)).isEqualTo((byte) 0x7f);
        assertThat(MuLawFrameEncoder.encode(Short.MAX_VALUE)).isEqualTo((byte) 0x80);
        assertThat(MuLawFrameEncoder.encode(Short.MIN_VALUE)).isEqualTo((byte) 0x00);
    }

    @Test
    void everySampleRoundTripsWithinItsStep() {
        short[] pcm = new short[65536];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (i - 32768);
        }
        byte[] out = new byte[65536];
        assertThat(new MuLawFrameEncoder(65536).encode(pcm, out, 0)).isEqualTo(65536);
        int previous = Integer.MIN_VALUE;
        for (int i = 0; i < pcm.length; i++) {
            int x = Math.max(-32635, Math.min(32635, pcm[i]));
            int y = decode(out[i]);
            int step = Math.max(8, Math.abs(x) / 8); // segment step is at most 1/16 of the value, x2 margin
            assertThat(Math.abs(y - x)).as("sample %d", pcm[i]).isLessThanOrEqualTo(step);
            assertThat(y).isGreaterThanOrEqualTo(previous); // monotonic
            previous = y;
        }
        assertThat(new MuLawFrameEncoder(160).sharingKey()).isEqualTo(new MuLawFrameEncoder(160).sharingKey());
    }
}
