package org.voxgate.bridge.internal.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class SourceLatchTest {
    private static final InetSocketAddress SIGNALLED = new InetSocketAddress("10.0.0.1", 4000);
    private static final InetSocketAddress NAT = new InetSocketAddress("198.51.100.7", 31000);
    private static final InetSocketAddress THIRD = new InetSocketAddress("203.0.113.9", 5000);
    private final SourceLatch latch = new SourceLatch();

    @Test
    void dropsEverythingBeforeSdp() {
        assertThat(latch.checkRtp(SIGNALLED, 1, 1, 0)).isEqualTo(DropReason.NO_REMOTE);
    }

    @Test
    void latchesToConsistentStreamInsideTheWindowOnly() {
        latch.reset(SIGNALLED, new InetSocketAddress("10.0.0.1", 4001), 1000);
        assertThat(latch.checkRtp(NAT, 7, 10, 1)).isEqualTo(DropReason.LATCHING);
        assertThat(latch.checkRtp(NAT, 7, 11, 2)).isEqualTo(DropReason.LATCHING);
        assertThat(latch.checkRtp(NAT, 7, 12, 3)).isNull();
        assertThat(latch.sendTarget()).isEqualTo(NAT);
        assertThat(latch.checkRtp(NAT, 7, 13, 4)).isNull();
        assertThat(latch.checkRtp(THIRD, 9, 1, 5)).isEqualTo(DropReason.WRONG_SOURCE);
        assertThat(latch.checkRtp(THIRD, 9, 2, 6)).isEqualTo(DropReason.WRONG_SOURCE);
        assertThat(latch.checkRtp(THIRD, 9, 3, 7)).isEqualTo(DropReason.WRONG_SOURCE);
        assertThat(latch.sendTarget()).isEqualTo(NAT);
    }

    @Test
    void interleavedOrBrokenStreamsDoNotLatch() {
        latch.reset(SIGNALLED, null, 1000);
        assertThat(latch.checkRtp(NAT, 7, 10, 1)).isEqualTo(DropReason.LATCHING);
        assertThat(latch.checkRtp(THIRD, 9, 11, 2)).isEqualTo(DropReason.LATCHING);
        assertThat(latch.checkRtp(NAT, 7, 11, 3)).isEqualTo(DropReason.LATCHING);
        assertThat(latch.checkRtp(NAT, 7, 13, 4)).isEqualTo(DropReason.LATCHING); // gap restarts the count
        assertThat(latch.checkRtp(NAT, 8, 14, 5)).isEqualTo(DropReason.LATCHING); // SSRC change too
        assertThat(latch.latched()).isFalse();
    }

    @Test
    void noLatchAfterTheWindowOrOnceTheSignalledAddressSpoke() {
        latch.reset(SIGNALLED, null, 1000);
        for (int i = 0; i < 5; i++) {
            assertThat(latch.checkRtp(NAT, 7, i, 1000 + i)).isEqualTo(DropReason.WRONG_SOURCE);
        }
        latch.reset(SIGNALLED, null, 1000);
        assertThat(latch.checkRtp(SIGNALLED, 1, 1, 1)).isNull();
        for (int i = 0; i < 5; i++) {
            assertThat(latch.checkRtp(NAT, 7, i, 2 + i)).isEqualTo(DropReason.WRONG_SOURCE);
        }
        assertThat(latch.sendTarget()).isEqualTo(SIGNALLED);
    }

    @Test
    void sequenceWrapCountsAsConsecutive() {
        latch.reset(SIGNALLED, null, 1000);
        latch.checkRtp(NAT, 7, 65534, 1);
        latch.checkRtp(NAT, 7, 65535, 2);
        assertThat(latch.checkRtp(NAT, 7, 0, 3)).isNull();
    }
}
