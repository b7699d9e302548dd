package org.voxgate.server.store;

import java.util.Objects;

/**
 * One field of a resource: its JSON name, its column, its kind and its rules.
 *
 * @param name         JSON name (camelCase)
 * @param column       column name (snake_case); for a secret, the column with the sealed value
 * @param type         how values are checked and stored
 * @param required     must be given on create
 * @param defaultValue canonical value used on create when not given, or null
 * @param nullable     may be null (absent)
 * @param secret       write-only: sealed at rest, shown in output only as {@code <name>Set: true|false}
 */
public record Field(String name, String column, FieldType type, boolean required, Object defaultValue,
                    boolean nullable, boolean secret) {

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(type, "type");
        if (required && defaultValue != null) {
            throw new IllegalArgumentException(name + ": a required field has no default");
        }
    }

    public static Field required(String name, String column, FieldType type) {
        return new Field(name, column, type, true, null, false, false);
    }

    public static Field optional(String name, String column, FieldType type, Object defaultValue) {
        return new Field(name, column, type, false, defaultValue, false, false);
    }

    public static Field nullable(String name, String column, FieldType type) {
        return new Field(name, column, type, false, null, true, false);
    }

    public static Field secret(String name, String column, FieldType type) {
        return new Field(name, column, type, false, null, true, true);
    }

    /** The output name that tells whether a secret is set. */
    public String setFlagName() {
        return name + "Set";
    }
}
