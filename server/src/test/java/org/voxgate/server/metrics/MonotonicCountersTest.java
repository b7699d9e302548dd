package org.voxgate.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

class MonotonicCountersTest {

    @Test
    void registersEachTagSetOnceAndNeverGoesBackwards() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MonotonicCounters c = new MonotonicCounters(registry);
        c.set("x.total", "d", Tags.of("reason", "A"), 5);
        c.set("x.total", "d", Tags.of("reason", "A"), 3); // a leg between open and retired for an instant
        c.set("x.total", "d", Tags.of("reason", "B"), 1);
        assertThat(registry.find("x.total").tags("reason", "A").functionCounter().count()).isEqualTo(5);
        assertThat(registry.find("x.total").tags("reason", "B").functionCounter().count()).isEqualTo(1);
        c.set("x.total", "d", Tags.of("reason", "A"), 9);
        assertThat(registry.find("x.total").tags("reason", "A").functionCounter().count()).isEqualTo(9);
        assertThat(registry.find("x.total").meters()).hasSize(2).allMatch(m -> m instanceof FunctionCounter);
    }
}
