package org.voxgate.sip.internal.trunk;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Networks mapped to values; {@link #match} returns the value of the longest prefix that
 * contains an address (the most specific network wins; among equal prefixes, the first
 * added). A table holds at most a few thousand entries (trunks x 50 networks), so a linear scan
 * costs microseconds and needs no trie. Immutable once built; safe to share.
 */
public final class CidrTable<T> {
    private final List<Cidr> networks;
    private final List<T> values;

    private CidrTable(List<Cidr> networks, List<T> values) {
        this.networks = List.copyOf(networks);
        this.values = List.copyOf(values);
    }

    /** Collects entries for a table. */
    public static final class Builder<T> {
        private final List<Cidr> networks = new ArrayList<>();
        private final List<T> values = new ArrayList<>();

        public Builder<T> add(Cidr network, T value) {
            networks.add(network);
            values.add(value);
            return this;
        }

        public CidrTable<T> build() {
            return new CidrTable<>(networks, values);
        }
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** The value of the most specific network that contains {@code address}; empty when none does. */
    public Optional<T> match(InetAddress address) {
        int best = -1;
        int bestBits = -1;
        for (int i = 0; i < networks.size(); i++) {
            Cidr c = networks.get(i);
            if (c.prefixBits() > bestBits && c.contains(address)) {
                best = i;
                bestBits = c.prefixBits();
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(values.get(best));
    }

    public int size() {
        return networks.size();
    }
}
