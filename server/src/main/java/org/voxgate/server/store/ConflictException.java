package org.voxgate.server.store;

/**
 * A change the current data refuses: a unique value already taken (within what the caller may
 * know of), or a row still in use. The API answers 409.
 */
public final class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field at fault, or null. */
    public String field() {
        return field;
    }
}
