package org.voxgate.bridge.internal.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class ClockThreadTest {

    @Test
    void ticksEveryPeriodOnItsOwnThreadAndCountsLateTicks() throws Exception {
        try (MediaClock clock = new MediaClock(1)) {
            ClockThread thread = clock.leastLoaded();
            AtomicInteger ticks = new AtomicInteger();
            AtomicLong late = new AtomicLong();
            AtomicReference<String> name = new AtomicReference<>();
            ClockThread.Registration r = thread.schedule(new ClockTask() {
                @Override
                public void tick(long nowNanos) {
                    name.set(Thread.currentThread().getName());
                    if (ticks.incrementAndGet() == 5) {
                        sleep(60); // overrun: the next ticks start late
                    }
                }

                @Override
                public long periodNanos() {
                    return 10_000_000L;
                }

                @Override
                public void onLateTick() {
                    late.incrementAndGet();
                }
            });
            await().atMost(Duration.ofSeconds(2)).until(() -> ticks.get() >= 20);
            assertThat(name.get()).isEqualTo("voxgate-mixer-1");
            assertThat(late.get()).isPositive();
            r.cancel();
            Thread.sleep(50);
            int after = ticks.get();
            Thread.sleep(100);
            assertThat(ticks.get()).isEqualTo(after);
        }
    }

    @Test
    void executeRunsOnTheClockThreadInOrder() throws Exception {
        try (MediaClock clock = new MediaClock(2)) {
            ClockThread thread = clock.leastLoaded();
            StringBuilder order = new StringBuilder();
            AtomicInteger done = new AtomicInteger();
            for (int i = 0; i < 5; i++) {
                int n = i;
                thread.execute(() -> {
                    assertThat(thread.inThread()).isTrue();
                    order.append(n);
                    done.incrementAndGet();
                });
            }
            await().atMost(Duration.ofSeconds(1)).until(() -> done.get() == 5);
            assertThat(order.toString()).isEqualTo("01234");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void loadRatioIsTheBusyShareOfTheBusiestThread() throws Exception {
        try (MediaClock clock = new MediaClock(2)) {
            ClockThread busy = clock.leastLoaded();
            busy.schedule(new ClockTask() {
                @Override
                public void tick(long nowNanos) {
                    long end = System.nanoTime() + 14_000_000L; // 14 of every 20 ms
                    while (System.nanoTime() - end < 0) {
                        Thread.onSpinWait();
                    }
                }

                @Override
                public long periodNanos() {
                    return 20_000_000L;
                }
            });
            await().atMost(Duration.ofSeconds(4)).until(() -> clock.loadRatio() > 0.5);
            assertThat(clock.loadRatio()).isBetween(0.5, 0.95);
            ClockThread idle = clock.leastLoaded();
            assertThat(idle).isNotSameAs(busy);
            await().atMost(Duration.ofSeconds(3)).until(() -> idle.loadRatio() >= 0 && idle.loadRatio() < 0.2);
        }
    }
}
