package org.voxgate.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A clock that moves only when a test says so. Production code takes a {@link LongSupplier}
 * of nanoseconds ({@code System::nanoTime}); tests pass {@code fakeClock::nanoTime}.
 */
public final class FakeClock implements LongSupplier {
    private long nanos;

    public FakeClock() {
        this(1_000_000_000L);
    }

    public FakeClock(long startNanos) {
        this.nanos = startNanos;
    }

    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public long getAsLong() {
        return nanoTime();
    }

    public synchronized void advance(long amount, TimeUnit unit) {
        nanos += unit.toNanos(amount);
    }

    public void advanceMillis(long millis) {
        advance(millis, TimeUnit.MILLISECONDS);
    }
}
