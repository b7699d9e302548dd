package org.voxgate.server.store;

import java.util.List;

/** Input that breaks one or more field rules; the API answers 422 with each {@link FieldError}. */
public final class ValidationException extends RuntimeException {

    private final transient List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid" : errors.get(0).field() + " " + errors.get(0).problem());
        this.errors = List.copyOf(errors);
    }

    public static ValidationException of(String field, String problem, String allowed) {
        return new ValidationException(List.of(new FieldError(field, problem, allowed)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
