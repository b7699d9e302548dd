package org.voxgate.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.sip.Trunk;
import org.voxgate.sip.TrunkDirectory;

/**
 * The gateway's trunks, read from the store (secrets opened) and cached for
 * {@value #CACHE_MILLIS} ms, so a change in the API applies to new calls within that time.
 * Thread-safe. A trunk row that cannot be turned into a {@link Trunk} is left out and logged.
 */
public final class StoreTrunkDirectory implements TrunkDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(StoreTrunkDirectory.class);
    static final long CACHE_MILLIS = 1_000;

    private final Store store;
    private List<Trunk> cached = List.of();
    private long loadedAtMillis = Long.MIN_VALUE;
    private long version;

    public StoreTrunkDirectory(Store store) {
        this.store = store;
    }

    @Override
    public synchronized List<Trunk> trunks() {
        long now = System.currentTimeMillis();
        if (loadedAtMillis == Long.MIN_VALUE || now - loadedAtMillis >= CACHE_MILLIS) {
            List<Trunk> fresh = load();
            if (!fresh.equals(cached)) {
                version++;
            }
            cached = fresh;
            loadedAtMillis = now;
        }
        return cached;
    }

    @Override
    public synchronized long version() {
        trunks();
        return version;
    }

    private List<Trunk> load() {
        return store.database().jdbi().withHandle(h -> {
            List<Trunk> out = new ArrayList<>();
            for (Map<String, Object> r : h.createQuery("SELECT id, account_id FROM trunks ORDER BY created_at, id")
                    .mapToMap().list()) {
                store.trunks().find(h, (String) r.get("account_id"), (String) r.get("id")).ifPresent(row -> {
                    try {
                        out.add(toTrunk(row));
                    } catch (RuntimeException e) {
                        LOG.warn("trunk {} left out: {}", row.id(), e.toString());
                    }
                });
            }
            return List.copyOf(out);
        });
    }

    @SuppressWarnings("unchecked")
    private Trunk toTrunk(Row row) {
        Map<String, Object> v = row.values();
        ResourceRepository repo = store.trunks();
        Trunk.Credentials inbound = v.get("inboundUsername") == null || v.get("inboundPassword") == null ? null
                : new Trunk.Credentials((String) v.get("inboundUsername"), repo.reveal(row, "inboundPassword"), null);
        Trunk.Registration registration = null;
        if (Boolean.TRUE.equals(v.get("registerEnabled")) && v.get("registerUsername") != null
                && v.get("registerPassword") != null) {
            registration = new Trunk.Registration(new Trunk.Credentials((String) v.get("registerUsername"),
                    repo.reveal(row, "registerPassword"), (String) v.get("registerRealm")),
                    (Integer) v.get("registerExpirySeconds"));
        }
        return new Trunk(row.id(), row.accountId(), (String) v.get("name"), enumOf(Trunk.Direction.class, v.get("direction")),
                (List<String>) v.get("hosts"), (Integer) v.get("port"), enumOf(Trunk.Transport.class, v.get("transport")),
                (List<String>) v.get("inboundCidrs"), inbound, registration, (List<String>) v.get("codecs"),
                (Integer) v.get("maxChannels"), (Integer) v.get("maxCallsPerSecond"),
                enumOf(Trunk.SrtpPolicy.class, v.get("srtpPolicy")),
                enumOf(Trunk.CallerIdPolicy.class, v.get("callerIdPolicy")), (List<String>) v.get("dialOutPrefixes"),
                Boolean.TRUE.equals(v.get("enabled")));
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, Object wire) {
        return Enum.valueOf(type, ((String) wire).toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
