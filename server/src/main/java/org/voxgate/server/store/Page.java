package org.voxgate.server.store;

import java.util.List;

/**
 * One page of a list, in a stable order.
 *
 * @param items  at most the requested limit
 * @param offset where this page starts
 * @param total  how many there are in all (in the caller's account)
 */
public record Page<T>(List<T> items, int offset, int total) {
    /** Offset of the next page, or -1 when this is the last. */
    public int nextOffset() {
        return offset + items.size() < total ? offset + items.size() : -1;
    }
}
