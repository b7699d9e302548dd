package org.voxgate.server.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A resource kind kept in one table: its fields, its cross-field rules and how database
 * conflicts map back to fields. {@link ResourceRepository} stores any of them.
 *
 * @param path        URL path segment, e.g. {@code trunks}; also the audit object type
 * @param table       table name (a constant, never user input)
 * @param noun        singular word for messages
 * @param fields      the writable fields, in output order
 * @param rules       cross-field checks on the merged values
 * @param uniques     constraint name (lower case) to the field it guards
 * @param inUseBy     what may refer to a row of this table, for the 409 message on delete
 */
public record ResourceDef(String path, String table, String noun, List<Field> fields, Rules rules,
                          Map<String, String> uniques, String inUseBy) {

    public ResourceDef {
        Objects.requireNonNull(path, "path");
        fields = List.copyOf(fields);
        uniques = Map.copyOf(uniques);
    }

    /** Cross-field checks; adds to {@code errors} instead of throwing. */
    @FunctionalInterface
    public interface Rules {
        /**
         * @param merged every field's value after the change, secrets in plain text (they stay
         *               in memory and are never echoed in errors)
         */
        void check(Map<String, Object> merged, List<FieldError> errors);

        Rules NONE = (m, e) -> {};
    }

    /** @return the field with this JSON name, or null */
    public Field field(String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** The JSON names a client may send, for the "unknown field" error. */
    public String fieldNames() {
        StringBuilder sb = new StringBuilder();
        for (Field f : fields) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(f.name());
        }
        return sb.toString();
    }
}
