package org.voxgate.sip;

import java.util.List;

/**
 * The trunks the gateway serves, as the admin configured them right now. The server
 * implements it over its store; the gateway reads it for every new call and every
 * registration pass, so changes apply live: a new trunk accepts calls at once, a disabled one
 * refuses new calls (current calls go on), a changed registration re-registers.
 *
 * <p>Implementations must be cheap to call (cache, refresh on change) and thread-safe.
 */
public interface TrunkDirectory {

    /** Every trunk of every account, enabled or not; an immutable snapshot. */
    List<Trunk> trunks();

    /**
     * A number that changes whenever any trunk changes (so callers can rebuild derived state,
     * such as CIDR tables or registrations, only when needed).
     */
    long version();

    /** No trunks at all (the embedded demo without a store, and tests). */
    static TrunkDirectory none() {
        return new TrunkDirectory() {
            @Override
            public List<Trunk> trunks() {
                return List.of();
            }

            @Override
            public long version() {
                return 0;
            }
        };
    }
}
