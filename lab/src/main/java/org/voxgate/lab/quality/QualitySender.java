package org.voxgate.lab.quality;

import java.net.SocketAddress;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * The send thread of every {@link QualityLeg}: makes each leg's packet on its 20 ms slot, passes
 * it through the slot's impairment (drop, or delay so that it leaves later, possibly after its
 * successor) and sends it when due.
 */
public final class QualitySender implements AutoCloseable {
    private final List<QualityLeg> legs = new CopyOnWriteArrayList<>();
    private final Queue queue = new Queue();
    private final Thread thread;
    private volatile boolean running = true;

    /** Packets waiting for their send time, earliest first (ties in the order made). */
    static final class Queue {
        private record Item(long dueNanos, long order, QualityLeg leg, SocketAddress to, byte[] packet) {}

        private final PriorityQueue<Item> items = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
                ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.order, b.order));
        private long order;

        void add(QualityLeg leg, SocketAddress to, byte[] packet, long nominalNanos, ImpairmentGenerator g) {
            long extraMicros = g == null ? 0 : g.next();
            if (extraMicros == ImpairmentGenerator.DROP) {
                leg.packetsDropped++;
                return;
            }
            items.add(new Item(nominalNanos + extraMicros * 1000, order++, leg, to, packet));
        }

        long sendDue(long now) {
            Item i;
            while ((i = items.peek()) != null && i.dueNanos <= now) {
                items.poll();
                i.leg.send(i.to, i.packet);
            }
            return i == null ? Long.MAX_VALUE : i.dueNanos;
        }
    }

    public QualitySender() {
        thread = new Thread(this::loop, "lab-quality-send");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    public void add(QualityLeg leg) {
        legs.add(leg);
        LockSupport.unpark(thread);
    }

    private void loop() {
        while (running) {
            long now = System.nanoTime();
            long wake = now + 5_000_000L;
            for (QualityLeg leg : legs) {
                if (leg.sending()) {
                    leg.produce(now, queue);
                    wake = Math.min(wake, leg.nextSlotNanos());
                }
            }
            wake = Math.min(wake, queue.sendDue(System.nanoTime()));
            long wait = wake - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
