package org.voxgate.sip.internal.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.internal.trunk.TrunkLimits.Grant;
import org.voxgate.testing.FakeClock;

class TrunkLimitsTest {
    private final FakeClock clock = new FakeClock(1_000);
    private final TrunkLimits limits = new TrunkLimits(clock);

    @Test
    void channelsAreHeldUntilReleased() {
        Trunk t = Trunks.limits(Trunks.byCidr("t1", "a", "192.0.2.0/24"), 2, 100);
        assertThat(limits.acquire(t)).isEqualTo(Grant.GRANTED);
        assertThat(limits.acquire(t)).isEqualTo(Grant.GRANTED);
        assertThat(limits.acquire(t)).isEqualTo(Grant.CHANNELS_FULL);
        assertThat(limits.channels("t1")).isEqualTo(2);
        limits.release("t1");
        assertThat(limits.acquire(t)).isEqualTo(Grant.GRANTED);
        limits.release("t1");
        limits.release("t1");
        limits.release("t1"); // an extra release never goes below zero
        assertThat(limits.channels("t1")).isZero();
    }

    @Test
    void callsPerSecondIsATokenBucket() {
        Trunk t = Trunks.limits(Trunks.byCidr("t2", "a", "192.0.2.0/24"), 100, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(limits.acquire(t)).isEqualTo(Grant.GRANTED);
        }
        assertThat(limits.acquire(t)).isEqualTo(Grant.RATE_EXCEEDED);
        clock.advance(333, TimeUnit.MILLISECONDS);
        assertThat(limits.acquire(t)).as("a third of a second refills 0.999 calls").isEqualTo(Grant.RATE_EXCEEDED);
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(limits.acquire(t)).isEqualTo(Grant.GRANTED);
        clock.advance(1, TimeUnit.HOURS);
        for (int i = 0; i < 3; i++) {
            assertThat(limits.acquire(t)).as("the bucket holds one second's worth").isEqualTo(Grant.GRANTED);
        }
        assertThat(limits.acquire(t)).isEqualTo(Grant.RATE_EXCEEDED);
        assertThat(limits.channels("t2")).isEqualTo(7);
    }

    @Test
    void aFullTrunkSpendsNoTokensAndTrunksAreIndependent() {
        Trunk one = Trunks.limits(Trunks.byCidr("one", "a", "192.0.2.0/24"), 1, 2);
        Trunk other = Trunks.limits(Trunks.byCidr("other", "a", "198.51.100.0/24"), 1, 1);
        assertThat(limits.acquire(one)).isEqualTo(Grant.GRANTED);
        assertThat(limits.acquire(one)).isEqualTo(Grant.CHANNELS_FULL);
        assertThat(limits.acquire(other)).isEqualTo(Grant.GRANTED);
        limits.release("one");
        assertThat(limits.acquire(one)).as("the refused call spent no token").isEqualTo(Grant.GRANTED);
    }
}
