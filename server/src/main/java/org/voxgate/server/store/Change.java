package org.voxgate.server.store;

/**
 * The outcome of an update or delete with an expected version (optimistic concurrency).
 *
 * @param status what happened
 * @param row    the row after the change ({@code OK}), the current row ({@code VERSION_MISMATCH}),
 *               or null ({@code NOT_FOUND}, and after a delete)
 */
public record Change(Status status, Row row) {

    public enum Status {
        /** Changed. */
        OK,
        /** No such id in the caller's account (a foreign id reads the same as a missing one). */
        NOT_FOUND,
        /** Someone changed it since the caller read it: the API answers 412. */
        VERSION_MISMATCH
    }
}
