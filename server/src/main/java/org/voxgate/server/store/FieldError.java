package org.voxgate.server.store;

/**
 * One rejected field.
 *
 * @param field   the field's JSON name
 * @param problem what is wrong, e.g. "is required" (never echoes a secret value)
 * @param allowed what would be accepted
 */
public record FieldError(String field, String problem, String allowed) {}
