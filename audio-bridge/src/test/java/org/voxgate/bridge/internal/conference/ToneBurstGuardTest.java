package org.voxgate.bridge.internal.conference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.Tone;

class ToneBurstGuardTest {
    private static final long MS = 1_000_000L;

    @Test
    void aBurstOfJoinsStartsTheEntryToneOncePerWindowAndOtherTonesIndependently() {
        ToneBurstGuard g = new ToneBurstGuard(1000 * MS);
        long t0 = -5_000 * MS; // negative clock values (System.nanoTime may be) work too
        int admitted = 0;
        for (int join = 0; join < 60; join++) { // 60 joins in one second
            admitted += g.admit(Tone.ENTRY, t0 + join * 16 * MS) ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(1);
        assertThat(g.admit(Tone.EXIT, t0 + 100 * MS)).as("another tone is not held back").isTrue();
        assertThat(g.admit(Tone.ENTRY, t0 + 999 * MS)).isFalse();
        assertThat(g.admit(Tone.ENTRY, t0 + 1000 * MS)).isTrue();
        assertThat(g.admit(Tone.ENTRY, t0 + 1500 * MS)).isFalse();
    }
}
