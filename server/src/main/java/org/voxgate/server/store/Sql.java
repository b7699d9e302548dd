package org.voxgate.server.store;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.jdbi.v3.core.JdbiException;

/** Maps database constraint failures to {@link ConflictException}s that name the field. */
final class Sql {

    /** SQLSTATE of a unique violation, the same on PostgreSQL and H2. */
    static final String UNIQUE_VIOLATION = "23505";
    /** SQLSTATE of a foreign key violation (H2 reports a referenced-row delete as 23503 too). */
    static final String FOREIGN_KEY_VIOLATION = "23503";

    private Sql() {}

    static <T> T translate(ResourceDef def, Supplier<T> body) {
        try {
            return body.get();
        } catch (JdbiException e) {
            SQLException sql = sqlCause(e);
            if (sql == null) {
                throw e;
            }
            String state = sql.getSQLState();
            String msg = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
            if (UNIQUE_VIOLATION.equals(state)) {
                for (Map.Entry<String, String> u : def.uniques().entrySet()) {
                    if (msg.contains(u.getKey())) {
                        throw new ConflictException(u.getValue(), u.getValue() + " is already in use");
                    }
                }
                throw new ConflictException(null, "a unique value is already in use");
            }
            if (FOREIGN_KEY_VIOLATION.equals(state) || "23506".equals(state)) {
                throw new ConflictException(null, "this " + def.noun() + " is still in use"
                        + (def.inUseBy() == null ? "" : " by " + def.inUseBy()));
            }
            throw e;
        }
    }

    private static SQLException sqlCause(Throwable t) {
        while (t != null) {
            if (t instanceof SQLException s) {
                return s;
            }
            t = t.getCause();
        }
        return null;
    }
}
