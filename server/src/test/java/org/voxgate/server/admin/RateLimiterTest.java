package org.voxgate.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long S = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(5000 * S);

    @Test
    void burstThenSteadyRateWithRetryAfterUntilTheNextToken() {
        RateLimiter r = new RateLimiter(2, 4, now::get);
        for (int i = 0; i < 4; i++) {
            assertThat(r.acquire("k")).as("request " + i).isZero();
        }
        assertThat(r.acquire("k")).isEqualTo(1);
        assertThat(r.acquire("other")).as("buckets are per key").isZero();
        now.addAndGet(S / 2); // one token at 2 per second
        assertThat(r.acquire("k")).isZero();
        assertThat(r.acquire("k")).isEqualTo(1);
        now.addAndGet(10 * S); // refills to the burst, not beyond
        for (int i = 0; i < 4; i++) {
            assertThat(r.acquire("k")).isZero();
        }
        assertThat(r.acquire("k")).isEqualTo(1);
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        RateLimiter r = new RateLimiter(1, 1, now::get);
        assertThat(r.acquire("k")).isZero();
        assertThat(r.acquire("k")).isEqualTo(1);
        now.addAndGet(S / 10);
        assertThat(r.acquire("k")).isEqualTo(1);
        now.addAndGet(9 * S / 10);
        assertThat(r.acquire("k")).isZero();
    }

    @Test
    void refusedRequestsDoNotDigTheBucketDeeper() {
        RateLimiter r = new RateLimiter(1, 1, now::get);
        r.acquire("k");
        for (int i = 0; i < 100; i++) {
            r.acquire("k");
        }
        now.addAndGet(S);
        assertThat(r.acquire("k")).isZero();
    }

    @Test
    void fullBucketsAreDroppedSoMemoryStaysBounded() {
        RateLimiter r = new RateLimiter(10, 10, now::get);
        for (int i = 0; i <= 10_000; i++) {
            r.acquire("addr-" + i);
        }
        assertThat(r.size()).isEqualTo(10_001);
        now.addAndGet(2 * S);
        r.acquire("late");
        assertThat(r.size()).isEqualTo(1);
    }

    @Test
    void rejectsNonPositiveSettings() {
        assertThatThrownBy(() -> new RateLimiter(0, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(1, 0, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
