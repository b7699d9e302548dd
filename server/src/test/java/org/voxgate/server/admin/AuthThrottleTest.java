package org.voxgate.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class AuthThrottleTest {

    private static final long S = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1000 * S);
    private final AuthThrottle t = new AuthThrottle(3, 60 * S, 300 * S, now::get);

    @Test
    void locksOutAfterLimitWithinWindowUntilLockoutEnds() {
        assertThat(t.failed("a")).isFalse();
        assertThat(t.failed("a")).isFalse();
        assertThat(t.lockedSeconds("a")).isZero();
        assertThat(t.failed("a")).isTrue();
        assertThat(t.lockedSeconds("a")).isEqualTo(300);
        assertThat(t.lockedSeconds("b")).isZero();
        now.addAndGet(299 * S + S / 2);
        assertThat(t.lockedSeconds("a")).isEqualTo(1);
        now.addAndGet(S);
        assertThat(t.lockedSeconds("a")).isZero();
    }

    @Test
    void failuresOutsideTheWindowDoNotCountAndSuccessClears() {
        t.failed("a");
        t.failed("a");
        now.addAndGet(61 * S);
        assertThat(t.failed("a")).isFalse();
        t.failed("a");
        t.succeeded("a");
        assertThat(t.failed("a")).isFalse();
        assertThat(t.lockedSeconds("a")).isZero();
    }
}
