package org.voxgate.sip.internal.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.voxgate.sip.internal.trunk.NonceService.Status;
import org.voxgate.testing.FakeClock;

class NonceServiceTest {
    private final FakeClock clock = new FakeClock(0);
    private final NonceService nonces = new NonceService(() -> clock.nanoTime() / 1_000_000, new SecureRandom());

    @Test
    void freshNonceAcceptsRisingNonceCountsOnly() {
        String n = nonces.issue();
        assertThat(n).hasSize(43);
        assertThat(nonces.check(n, 1)).isEqualTo(Status.FRESH);
        assertThat(nonces.commit(n, 1)).isEqualTo(Status.FRESH);
        assertThat(nonces.check(n, 1)).isEqualTo(Status.REPLAY);
        assertThat(nonces.commit(n, 1)).isEqualTo(Status.REPLAY);
        assertThat(nonces.check(n, 2)).isEqualTo(Status.FRESH);
        assertThat(nonces.commit(n, 3)).isEqualTo(Status.FRESH);
        assertThat(nonces.check(n, 2)).as("below the highest").isEqualTo(Status.REPLAY);
    }

    @Test
    void staleAfterFiveMinutes() {
        String n = nonces.issue();
        clock.advanceMillis(NonceService.LIFETIME_MS);
        assertThat(nonces.check(n, 1)).isEqualTo(Status.FRESH);
        clock.advanceMillis(1);
        assertThat(nonces.check(n, 1)).isEqualTo(Status.STALE);
    }

    @Test
    void forgedOrForeignNoncesAreRefused() {
        String n = nonces.issue();
        byte[] b = Base64.getUrlDecoder().decode(n);
        b[0] ^= 1; // move the timestamp: the MAC no longer fits
        assertThat(nonces.check(Base64.getUrlEncoder().withoutPadding().encodeToString(b), 1)).isEqualTo(Status.FORGED);
        NonceService other = new NonceService(() -> 0, new SecureRandom());
        assertThat(nonces.check(other.issue(), 1)).as("another process's key").isEqualTo(Status.FORGED);
        assertThat(nonces.check("abc", 1)).isEqualTo(Status.FORGED);
        assertThat(nonces.check(null, 1)).isEqualTo(Status.FORGED);
        assertThat(nonces.check("!".repeat(43), 1)).isEqualTo(Status.FORGED);
    }

    @Test
    void memoryIsBoundedAndForgettingNeverOpensAReplay() {
        String first = nonces.issue();
        nonces.commit(first, 1);
        for (int i = 0; i < NonceService.MAX_TRACKED + 10; i++) {
            clock.advanceMillis(0); // same millisecond or later: issue order
            nonces.commit(nonces.issue(), 1);
        }
        assertThat(nonces.tracked()).isLessThanOrEqualTo(NonceService.MAX_TRACKED);
        assertThat(nonces.check(first, 1)).as("forgotten early: stale, not fresh").isEqualTo(Status.STALE);
        assertThat(nonces.check(first, 2)).isEqualTo(Status.STALE);
    }

    @Test
    void expiredEntriesAreDropped() {
        nonces.commit(nonces.issue(), 1);
        clock.advanceMillis(NonceService.LIFETIME_MS + 1);
        nonces.commit(nonces.issue(), 1);
        assertThat(nonces.tracked()).isEqualTo(1);
    }
}
