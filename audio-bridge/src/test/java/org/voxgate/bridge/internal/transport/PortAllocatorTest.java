package org.voxgate.bridge.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    @Test
    void handsOutEvenPortsRoundRobinUntilExhausted() {
        PortAllocator ports = new PortAllocator(10001, 10010); // even ports 10002..10008 with odd partners
        assertThat(ports.capacity()).isEqualTo(4);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            int p = ports.acquire();
            assertThat(p % 2).isZero();
            assertThat(p).isBetween(10002, 10008);
            assertThat(seen.add(p)).isTrue();
        }
        assertThat(ports.acquire()).isEqualTo(-1);
        ports.release(10004);
        assertThat(ports.acquire()).isEqualTo(10004);
    }

    @Test
    void releasedPairIsNotReusedAtOnce() {
        PortAllocator ports = new PortAllocator(20000, 20009);
        int first = ports.acquire();
        ports.release(first);
        assertThat(ports.acquire()).isNotEqualTo(first);
        assertThat(ports.inUse()).isEqualTo(1);
    }

    @Test
    void refusesForeignPortsAndEmptyRanges() {
        PortAllocator ports = new PortAllocator(20000, 20009);
        assertThatThrownBy(() -> ports.release(20002)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ports.release(20001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortAllocator(20001, 20002)).isInstanceOf(IllegalArgumentException.class);
    }
}
