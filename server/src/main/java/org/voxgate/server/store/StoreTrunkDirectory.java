package org.voxgate.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.TrunkDirectory;

/**
 * The SIP gateway's trunks, read from the store: every account's trunk rows as {@link Trunk}
 * records, with their passwords opened (in memory only; never logged, and
 * {@link Trunk.Credentials#toString()} hides them). The list is cached; it is reloaded
 *
 * <ul>
 *   <li>at once after a trunk is created, changed or deleted through this node's repository
 *       (its change listener), so an admin's change applies to the very next call, and</li>
 *   <li>when a cheap poll every {@link #POLL_INTERVAL_MS} ms sees the table's signature
 *       (row count, newest {@code updated_at}, sum of versions) move: a change another node
 *       made in the shared database.</li>
 * </ul>
 *
 * {@link #version()} goes up with every reload that found something new. Thread-safe;
 * {@link #close()} stops the poll.
 */
public final class StoreTrunkDirectory implements TrunkDirectory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreTrunkDirectory.class);
    static final long POLL_INTERVAL_MS = 2_000;

    private final Store store;
    private final ScheduledExecutorService poller;
    private volatile Snapshot snapshot = new Snapshot(0, List.of(), null);

    private record Snapshot(long version, List<Trunk> trunks, String signature) {}

    /**
     * Loads the trunks now and starts the poll.
     *
     * @param pollIntervalMs how often to look for other nodes' changes ({@link #POLL_INTERVAL_MS}; tests pass less)
     */
    public StoreTrunkDirectory(Store store, long pollIntervalMs) {
        this.store = store;
        store.trunks().onChange(this::reload);
        reload();
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "trunk-directory-poll");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, pollIntervalMs, pollIntervalMs, TimeUnit.MILLISECONDS);
    }

    public StoreTrunkDirectory(Store store) {
        this(store, POLL_INTERVAL_MS);
    }

    @Override
    public List<Trunk> trunks() {
        return snapshot.trunks();
    }

    @Override
    public long version() {
        return snapshot.version();
    }

    private void poll() {
        try {
            String sig = signature();
            if (!sig.equals(snapshot.signature())) {
                reload();
            }
        } catch (RuntimeException e) {
            LOG.warn("trunk poll failed: {}", e.toString());
        }
    }

    private String signature() {
        return store.database().jdbi().withHandle(h -> {
            Map<String, Object> m = h.createQuery("SELECT COUNT(*) AS n, MAX(updated_at) AS t, SUM(version) AS v FROM trunks")
                    .mapToMap().one();
            return m.get("n") + "|" + m.get("t") + "|" + m.get("v");
        });
    }

    /** Reads every trunk again; bumps the version when the list changed. */
    synchronized void reload() {
        try {
            String sig = signature();
            List<Row> rows = store.database().jdbi().withHandle(h -> store.trunks().all(h));
            List<Trunk> trunks = new ArrayList<>(rows.size());
            for (Row r : rows) {
                try {
                    trunks.add(toTrunk(r));
                } catch (RuntimeException e) {
                    // never the value: it may be a secret
                    LOG.warn("trunk {} left out: {}", r.id(), e.getClass().getSimpleName());
                }
            }
            Snapshot old = snapshot;
            List<Trunk> list = List.copyOf(trunks);
            long version = list.equals(old.trunks()) ? old.version() : old.version() + 1;
            snapshot = new Snapshot(version, list, sig);
            if (version != old.version()) {
                LOG.info("trunks reloaded: {} trunks, version {}", list.size(), version);
            }
        } catch (RuntimeException e) {
            LOG.warn("trunks not reloaded: {}", e.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private Trunk toTrunk(Row r) {
        Map<String, Object> v = r.values();
        ResourceRepository repo = store.trunks();
        Trunk.Credentials inbound = null;
        if (v.get("inboundUsername") != null && v.get("inboundPassword") != null) {
            inbound = new Trunk.Credentials((String) v.get("inboundUsername"), repo.reveal(r, "inboundPassword"), null);
        }
        Trunk.Registration registration = null;
        if (Boolean.TRUE.equals(v.get("registerEnabled")) && v.get("registerUsername") != null
                && v.get("registerPassword") != null) {
            registration = new Trunk.Registration(new Trunk.Credentials((String) v.get("registerUsername"),
                    repo.reveal(r, "registerPassword"), (String) v.get("registerRealm")),
                    (Integer) v.get("registerExpirySeconds"));
        }
        return new Trunk(r.id(), r.accountId(), (String) v.get("name"), enumOf(Trunk.Direction.class, v.get("direction")),
                (List<String>) v.get("hosts"), (Integer) v.get("port"), enumOf(Trunk.Transport.class, v.get("transport")),
                (List<String>) v.get("inboundCidrs"), inbound, registration, (List<String>) v.get("codecs"),
                (Integer) v.get("maxChannels"), (Integer) v.get("maxCallsPerSecond"),
                enumOf(Trunk.SrtpPolicy.class, v.get("srtpPolicy")),
                enumOf(Trunk.CallerIdPolicy.class, v.get("callerIdPolicy")), (List<String>) v.get("dialOutPrefixes"),
                Boolean.TRUE.equals(v.get("enabled")));
    }

    /** "asserted-only" -> ASSERTED_ONLY. */
    private static <E extends Enum<E>> E enumOf(Class<E> type, Object value) {
        return Enum.valueOf(type, ((String) value).replace('-', '_').toUpperCase(Locale.ROOT));
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
