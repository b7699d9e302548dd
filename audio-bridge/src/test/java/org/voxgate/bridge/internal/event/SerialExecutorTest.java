package org.voxgate.bridge.internal.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    @Test
    void runsOneAtATimeInOrderAndSurvivesAThrowingTask() {
        try (EventDispatcher events = new EventDispatcher(4)) {
            SerialExecutor lane = events.serial();
            List<Integer> seen = new CopyOnWriteArrayList<>();
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxRunning = new AtomicInteger();
            for (int i = 0; i < 200; i++) {
                int n = i;
                lane.execute(() -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    seen.add(n);
                    running.decrementAndGet();
                    if (n == 50) {
                        throw new IllegalStateException("listener bug");
                    }
                });
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> seen.size() == 200);
            for (int i = 0; i < 200; i++) {
                assertThat(seen.get(i)).isEqualTo(i);
            }
            assertThat(maxRunning.get()).isEqualTo(1);
        }
    }
}
