package org.voxgate.server;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the shutdown action once on SIGTERM or SIGINT, then exits with status 0 (a requested
 * stop is not a failure). A shutdown hook covers every other way the JVM stops.
 */
final class Shutdown {

    private Shutdown() {}

    static void onTermination(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        Runnable once = () -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(once, "voxgate-shutdown-hook"));
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                    Thread t = new Thread(() -> {
                        once.run();
                        System.exit(0);
                    }, "voxgate-shutdown");
                    t.start();
                });
            } catch (IllegalArgumentException unsupported) {
                // the platform lacks this signal; the shutdown hook still stops us cleanly
            }
        }
    }
}
