package org.voxgate.lab.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Two threads for every leg of a run: one sends each leg's packet every 20 ms on a fixed
 * schedule (a slot that starts more than 10 ms late counts as a late tick: the generator, not
 * the node, was then the bottleneck); one receives with a selector over all legs' sockets.
 *
 * <p>A leg whose call is over (BYE sent or received, failure) is {@link #retire retired}: the send thread drops it from its list,
 * the receive thread drops its selection key, and whichever of the two lets go last wipes the
 * leg's keys ({@link CallMedia#closeKeys()}), so SRTP keys live as long as their call while the
 * other legs go on. The contexts have no locks; the count-down of the two threads gives the
 * wiping thread a happens-before edge over both threads' last use.
 */
final class RtpEngine implements AutoCloseable {
    static final long PTIME_NANOS = 20_000_000L;

    private final List<CallMedia> legs = new CopyOnWriteArrayList<>();
    private final Queue<CallMedia> toRegister = new ConcurrentLinkedQueue<>();
    private final Queue<Retired> toDropBySender = new ConcurrentLinkedQueue<>();
    private final Queue<Retired> toDropByReceiver = new ConcurrentLinkedQueue<>();
    private final Object closeLock = new Object();
    private boolean closed; // under closeLock
    private final AtomicInteger keysWiped = new AtomicInteger();
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

    /**
     * The leg's call is over: stop sending and receiving for it and wipe its keys once both threads
     * have let go of it. Any thread; once per leg. After {@link #close()} the keys are wiped at once.
     */
    void retire(CallMedia leg) {
        Retired r = new Retired(leg);
        synchronized (closeLock) {
            if (!closed) {
                toDropBySender.add(r);
                toDropByReceiver.add(r);
                selector.wakeup();
                return;
            }
        }
        wipe(leg); // the threads have stopped
    }

    /** Legs whose keys were wiped by {@link #retire}. */
    int keysWiped() {
        return keysWiped.get();
    }

    private void wipe(CallMedia leg) {
        synchronized (leg) { // the run's own wipe at the end may come at the same time (a native decoder frees once)
            leg.closeKeys();
        }
        keysWiped.incrementAndGet();
    }

    /** A retired leg and how many of the two threads still hold it. */
    private static final class Retired {
        final CallMedia leg;
        final AtomicInteger holders = new AtomicInteger(2);

        Retired(CallMedia leg) {
            this.leg = leg;
        }
    }

    private void letGo(Retired r) {
        if (r.holders.decrementAndGet() == 0) {
            wipe(r.leg);
        }
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
            Retired r;
            while ((r = toDropBySender.poll()) != null) {
                legs.remove(r.leg);
                letGo(r);
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
                Retired r;
                while ((r = toDropByReceiver.poll()) != null) {
                    SelectionKey key = r.leg.channel.keyFor(selector);
                    if (key != null) {
                        key.cancel();
                    }
                    letGo(r);
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

    /**
     * Stops both threads and wipes the keys of legs retired but not yet let go of; the legs'
     * sockets are closed by their calls.
     */
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
        synchronized (closeLock) {
            closed = true;
        }
        Retired r;
        while ((r = toDropBySender.poll()) != null) {
            toDropByReceiver.remove(r);
            wipe(r.leg);
        }
        while ((r = toDropByReceiver.poll()) != null) {
            letGo(r); // the sender let go already
        }
    }
}
