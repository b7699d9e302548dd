package org.voxgate.bridge.internal.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RtpSequenceTest {

    @Test
    void distanceWrapsAround() {
        assertThat(RtpSequence.distance(65535, 0)).isEqualTo(1);
        assertThat(RtpSequence.distance(0, 65535)).isEqualTo(-1);
        assertThat(RtpSequence.distance(100, 200)).isEqualTo(100);
        assertThat(RtpSequence.distance(65000, 500)).isEqualTo(1036);
        assertThat(RtpSequence.compare(65535, 2)).isNegative();
        assertThat(RtpSequence.compare(2, 65535)).isPositive();
        assertThat(RtpSequence.next(65535)).isZero();
    }

    @Test
    void extendFollowsCycles() {
        long ref = 65535;
        assertThat(RtpSequence.extend(ref, 0)).isEqualTo(65536);
        assertThat(RtpSequence.extend(65536, 65535)).isEqualTo(65535);
        assertThat(RtpSequence.extend(3 * 65536L + 10, 5)).isEqualTo(3 * 65536L + 5);
    }

    @Test
    void timestampsWrapAt32Bits() {
        assertThat(RtpSequence.timestampDistance(0xFFFF_FF00L, 0x0000_0060L)).isEqualTo(0x160);
        assertThat(RtpSequence.extendTimestamp(0xFFFF_FF00L, 0x60)).isEqualTo(0x1_0000_0060L);
        assertThat(RtpSequence.extendTimestamp(0x1_0000_0060L, 0xFFFF_FF00L)).isEqualTo(0xFFFF_FF00L);
    }
}
