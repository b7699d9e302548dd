package org.voxgate.sip.internal.register;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.RegistrationStatus;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.TrunkDirectory;
import org.voxgate.sip.internal.schedule.Scheduler;

/**
 * Keeps one {@link RegistrationMachine} per enabled trunk with a registration, in step with the
 * live {@link TrunkDirectory}: every {@code pollInterval} the directory's version is compared
 * and, when it moved, the trunks are reconciled.
 *
 * <pre>
 *  new trunk with registration           -> new machine, REGISTER
 *  hosts / port / transport / credentials
 *  / expiry changed                      -> old machine unregisters (Expires: 0); when it is
 *                                           done the new machine (new Call-ID) registers
 *  removed, disabled, registration gone  -> unregister
 *  close                                 -> unregister all, wait a bounded time
 * </pre>
 * Thread-safe. Lock order: this, then a machine (machines never call back into this).
 */
public final class Registrations {
    private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);

    private final TrunkDirectory directory;
    private final RegistrationSettings settings;
    private final RegisterTransport transport;
    private final Scheduler scheduler;
    private final LongSupplier nowMillis;
    private final RandomGenerator random;
    private final RegistrationMachine.ForeignChallengeLog foreignLog;
    private final Map<String, Entry> machines = new HashMap<>();
    private long seenVersion;
    private boolean seenAny;
    private boolean closed;
    private Scheduler.Timer poll;

    private record Key(List<String> hosts, int port, Trunk.Transport transport, Trunk.Registration registration) {
        static Key of(Trunk t) {
            return new Key(t.hosts(), t.port(), t.transport(), t.registration());
        }
    }

    private record Entry(Key key, RegistrationMachine machine) {}

    public Registrations(TrunkDirectory directory, RegistrationSettings settings, RegisterTransport transport,
                         Scheduler scheduler, LongSupplier nowMillis, RandomGenerator random,
                         RegistrationMachine.ForeignChallengeLog foreignLog) {
        this.directory = directory;
        this.settings = settings;
        this.transport = transport;
        this.scheduler = scheduler;
        this.nowMillis = nowMillis;
        this.random = random;
        this.foreignLog = foreignLog;
    }

    /** Registers what the directory holds now and starts watching it. */
    public synchronized void start() {
        reconcile();
        schedulePoll();
    }

    private void schedulePoll() {
        if (!closed) {
            try {
                poll = scheduler.schedule(settings.pollInterval(), () -> {
                    reconcile();
                    synchronized (this) {
                        schedulePoll();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("timers stopped; no more directory polls");
            }
        }
    }

    /** Compares the directory's version with the last one seen and reconciles when it moved. */
    public synchronized void reconcile() {
        if (closed) {
            return;
        }
        long version;
        List<Trunk> trunks;
        try {
            version = directory.version();
            if (seenAny && version == seenVersion) {
                return;
            }
            trunks = directory.trunks();
        } catch (RuntimeException e) {
            LOG.warn("trunk directory failed; registrations unchanged", e);
            return;
        }
        seenVersion = version;
        seenAny = true;
        Map<String, Trunk> wanted = new LinkedHashMap<>();
        for (Trunk t : trunks) {
            if (t.enabled() && t.registration() != null) {
                wanted.put(t.id(), t);
            }
        }
        for (var it = machines.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!wanted.containsKey(e.getKey())) {
                LOG.info("trunk {}: registration removed, unregistering", e.getKey());
                e.getValue().machine().stop(() -> { });
                it.remove();
            }
        }
        for (Trunk t : wanted.values()) {
            Entry old = machines.get(t.id());
            Key key = Key.of(t);
            if (old != null && old.key().equals(key)) {
                continue;
            }
            RegistrationMachine next = new RegistrationMachine(t, settings, transport, scheduler, nowMillis,
                    new Backoff(settings.backoffMin(), settings.backoffMax(), random), foreignLog);
            machines.put(t.id(), new Entry(key, next));
            if (old == null) {
                next.start();
            } else {
                LOG.info("trunk {}: registration changed, unregistering the old binding first", t.id());
                old.machine().stop(next::start);
            }
        }
    }

    /** Status of every trunk that has a registration, by trunk id (sorted). */
    public synchronized Map<String, RegistrationStatus> statuses() {
        Map<String, RegistrationStatus> m = new TreeMap<>();
        machines.forEach((id, e) -> m.put(id, e.machine().status()));
        return m;
    }

    /**
     * Stops watching and unregisters every trunk, waiting at most {@code wait} for the
     * registrars to answer. Idempotent.
     */
    public void close(Duration wait) {
        List<RegistrationMachine> stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (poll != null) {
                poll.cancel();
            }
            stopping = machines.values().stream().map(Entry::machine).toList();
        }
        CountDownLatch done = new CountDownLatch(stopping.size());
        for (RegistrationMachine m : stopping) {
            m.stop(done::countDown);
        }
        try {
            if (!done.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.info("{} registrar(s) did not answer our unregister within {} ms", done.getCount(),
                        wait.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
