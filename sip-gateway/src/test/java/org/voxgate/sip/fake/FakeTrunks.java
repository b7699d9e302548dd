package org.voxgate.sip.fake;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.voxgate.sip.Trunk;
import org.voxgate.sip.TrunkDirectory;

/** A {@link TrunkDirectory} the test changes at will; each change moves the version. */
public final class FakeTrunks implements TrunkDirectory {
    private volatile List<Trunk> trunks = List.of();
    private final AtomicLong version = new AtomicLong();

    public FakeTrunks set(Trunk... ts) {
        trunks = List.of(ts);
        version.incrementAndGet();
        return this;
    }

    @Override
    public List<Trunk> trunks() {
        return trunks;
    }

    @Override
    public long version() {
        return version.get();
    }

    /** A UDP trunk to {@code host:port} that registers as {@code user}. */
    public static Trunk registering(String id, String host, int port, Trunk.Transport transport, String user,
                                    String password, String realm, int expirySeconds) {
        return new Trunk(id, "acct-1", "carrier " + id, Trunk.Direction.BOTH, List.of(host), port, transport,
                List.of(), null, new Trunk.Registration(new Trunk.Credentials(user, password, realm), expirySeconds),
                List.of("PCMU"), 10, 5, Trunk.SrtpPolicy.OFF, Trunk.CallerIdPolicy.PASSTHROUGH, List.of(), true);
    }
}
