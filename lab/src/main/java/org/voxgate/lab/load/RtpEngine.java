package org.voxgate.lab.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * Two threads for every leg of a run: one sends each leg's packet every 20 ms on a fixed
 * schedule (a slot that starts more than 10 ms late counts as a late tick: the generator, not
 * the node, was then the bottleneck); one receives with a selector over all legs' sockets.
 */
final class RtpEngine implements AutoCloseable {
    static final long PTIME_NANOS = 20_000_000L;

    private final List<CallMedia> legs = new CopyOnWriteArrayList<>();
    private final Queue<CallMedia> toRegister = new ConcurrentLinkedQueue<>();
    private final Selector selector;
    private final Thread sender;
    private final Thread receiver;
    private volatile boolean running = true;
    private volatile long lateTicks;
    private volatile long ticks;

    RtpEngine() throws IOException {
        selector = Selector.open();
        sender = new Thread(this::sendLoop, "lab-rtp-send");
        receiver = new Thread(this::receiveLoop, "lab-rtp-receive");
        sender.setDaemon(true);
        receiver.setDaemon(true);
        sender.setPriority(Thread.MAX_PRIORITY);
        sender.start();
        receiver.start();
    }

    void add(CallMedia leg) {
        legs.add(leg);
        toRegister.add(leg);
        selector.wakeup();
    }

    long lateTicks() {
        return lateTicks;
    }

    long ticks() {
        return ticks;
    }

    private void sendLoop() {
        ByteBuffer buf = ByteBuffer.allocateDirect(1500);
        long next = System.nanoTime();
        while (running) {
            long now = System.nanoTime();
            if (now - next > PTIME_NANOS / 2) {
                lateTicks++;
            }
            for (CallMedia leg : legs) {
                leg.tick(now, buf);
            }
            ticks++;
            next += PTIME_NANOS;
            long wait;
            while ((wait = next - System.nanoTime()) > 0 && running) {
                LockSupport.parkNanos(wait);
            }
            if (System.nanoTime() - next > 5 * PTIME_NANOS) {
                next = System.nanoTime(); // far behind: skip ahead instead of bursting
            }
        }
    }

    private void receiveLoop() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        while (running) {
            try {
                CallMedia add;
                while ((add = toRegister.poll()) != null) {
                    if (add.channel.isOpen()) {
                        add.channel.register(selector, SelectionKey.OP_READ, add);
                    }
                }
                selector.select(100);
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    CallMedia leg = (CallMedia) key.attachment();
                    try {
                        leg.drain(buf, now);
                    } catch (IOException e) {
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | java.nio.channels.ClosedSelectorException e) {
                return;
            }
        }
    }

    /** Stops both threads; the legs' sockets are closed by their calls. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            sender.join(1000);
            receiver.join(1000);
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
