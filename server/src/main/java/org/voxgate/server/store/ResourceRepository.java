package org.voxgate.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/**
 * Stores the objects of one {@link ResourceDef}, always inside one account: every statement
 * has {@code account_id = :account} in its WHERE clause, and the account comes from the
 * {@link Actor}, never from the client's input. Every change writes an {@link AuditLog}
 * entry in its transaction. Thread-safe.
 */
public final class ResourceRepository {

    private final Jdbi jdbi;
    private final ResourceDef def;
    private final SecretBox box;
    private final FieldType.CheckContext ctx;
    private final InputChecker checker;
    private final String columns;
    private final List<Runnable> changeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    ResourceRepository(Jdbi jdbi, ResourceDef def, SecretBox box, FieldType.CheckContext ctx) {
        this.jdbi = jdbi;
        this.def = def;
        this.box = box;
        this.ctx = ctx;
        this.checker = new InputChecker(def);
        this.columns = def.fields().stream().map(Field::column).collect(Collectors.joining(", "));
    }

    public ResourceDef def() {
        return def;
    }

    /**
     * Runs {@code listener} after every committed create, update or delete of this kind made
     * through this repository (on the writing thread; it must be quick and must not throw).
     * Changes written by other nodes are not seen here; poll for those.
     */
    public void onChange(Runnable listener) {
        changeListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    private <T> T changed(T result) {
        for (Runnable r : changeListeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ResourceRepository.class).warn("{} change listener failed: {}",
                        def.noun(), e.toString());
            }
        }
        return result;
    }

    /**
     * Every row of every account, oldest first: for the SIP side's directories only (never for
     * the API, which is always scoped by account).
     */
    List<Row> all(Handle h) {
        return h.createQuery("SELECT * FROM " + def.table() + " ORDER BY created_at, id").map((rs, c) -> read(rs)).list();
    }

    /** A page of the account's objects, oldest first. */
    public Page<Row> list(String accountId, int limit, int offset) {
        return jdbi.withHandle(h -> {
            int total = h.createQuery("SELECT COUNT(*) FROM " + def.table() + " WHERE account_id = :a")
                    .bind("a", accountId).mapTo(Integer.class).one();
            List<Row> rows = h.createQuery("SELECT * FROM " + def.table() + " WHERE account_id = :a "
                            + "ORDER BY created_at, id LIMIT :l OFFSET :o")
                    .bind("a", accountId).bind("l", limit).bind("o", offset)
                    .map((rs, c) -> read(rs)).list();
            return new Page<>(rows, offset, total);
        });
    }

    /** The object with this id in this account; empty for a missing or foreign id alike. */
    public Optional<Row> find(String accountId, String id) {
        return jdbi.withHandle(h -> find(h, accountId, id));
    }

    Optional<Row> find(Handle h, String accountId, String id) {
        return h.createQuery("SELECT * FROM " + def.table() + " WHERE id = :id AND account_id = :a")
                .bind("id", id).bind("a", accountId).map((rs, c) -> read(rs)).findOne();
    }

    /**
     * Creates an object from decoded JSON.
     *
     * @throws ValidationException naming every bad field
     * @throws ConflictException   when a unique field is taken
     */
    public Row create(Actor actor, Map<String, Object> json) {
        Map<String, Object> merged = checker.forCreate(json, ctx);
        return changed(Sql.translate(def, () -> jdbi.inTransaction(h -> {
            checkRefs(h, actor.accountId(), merged);
            String id = UUID.randomUUID().toString();
            OffsetDateTime now = now();
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(def.table())
                    .append(" (id, account_id, version, created_at, updated_at, ").append(columns)
                    .append(") VALUES (:id, :account, 1, :now, :now");
            for (Field f : def.fields()) {
                sql.append(", :").append(f.column());
            }
            sql.append(')');
            Update u = h.createUpdate(sql.toString()).bind("id", id).bind("account", actor.accountId()).bind("now", now);
            bindValues(u, merged);
            u.execute();
            Row row = find(h, actor.accountId(), id).orElseThrow();
            AuditLog.record(h, actor, actor.accountId(), "create", def.path(), id, null, row.publicView());
            return row;
        })));
    }

    /**
     * Applies a merge patch (given fields replace, null clears a nullable field) when the
     * stored version is still {@code expectedVersion}.
     *
     * @throws ValidationException naming every bad field
     * @throws ConflictException   when a unique field is taken
     */
    public Change update(Actor actor, String id, int expectedVersion, Map<String, Object> patch) {
        Change c = Sql.translate(def, () -> jdbi.inTransaction(h -> {
            Optional<Row> current = find(h, actor.accountId(), id);
            if (current.isEmpty()) {
                return new Change(Change.Status.NOT_FOUND, null);
            }
            Row before = current.get();
            if (before.version() != expectedVersion) {
                return new Change(Change.Status.VERSION_MISMATCH, before);
            }
            Map<String, Object> merged = checker.forPatch(patch, plain(before), ctx);
            checkRefs(h, actor.accountId(), merged);
            StringBuilder sql = new StringBuilder("UPDATE ").append(def.table())
                    .append(" SET version = version + 1, updated_at = :now");
            for (Field f : def.fields()) {
                sql.append(", ").append(f.column()).append(" = :").append(f.column());
            }
            sql.append(" WHERE id = :id AND account_id = :account AND version = :expected");
            Update u = h.createUpdate(sql.toString()).bind("now", now()).bind("id", id)
                    .bind("account", actor.accountId()).bind("expected", expectedVersion);
            bindValues(u, merged);
            if (u.execute() == 0) {
                return find(h, actor.accountId(), id).map(r -> new Change(Change.Status.VERSION_MISMATCH, r))
                        .orElse(new Change(Change.Status.NOT_FOUND, null));
            }
            Row after = find(h, actor.accountId(), id).orElseThrow();
            AuditLog.record(h, actor, actor.accountId(), "update", def.path(), id, before.publicView(), after.publicView());
            return new Change(Change.Status.OK, after);
        }));
        return c.status() == Change.Status.OK ? changed(c) : c;
    }

    /**
     * Deletes when the stored version is still {@code expectedVersion}.
     *
     * @throws ConflictException when other objects still refer to it
     */
    public Change delete(Actor actor, String id, int expectedVersion) {
        Change c = Sql.translate(def, () -> jdbi.inTransaction(h -> {
            Optional<Row> current = find(h, actor.accountId(), id);
            if (current.isEmpty()) {
                return new Change(Change.Status.NOT_FOUND, null);
            }
            if (current.get().version() != expectedVersion) {
                return new Change(Change.Status.VERSION_MISMATCH, current.get());
            }
            int n = h.createUpdate("DELETE FROM " + def.table() + " WHERE id = :id AND account_id = :a AND version = :v")
                    .bind("id", id).bind("a", actor.accountId()).bind("v", expectedVersion).execute();
            if (n == 0) {
                return new Change(Change.Status.VERSION_MISMATCH, find(h, actor.accountId(), id).orElse(null));
            }
            AuditLog.record(h, actor, actor.accountId(), "delete", def.path(), id, current.get().publicView(), null);
            return new Change(Change.Status.OK, null);
        }));
        return c.status() == Change.Status.OK ? changed(c) : c;
    }

    /** The plain text of a secret field of a row, for the SIP side (never for the API). */
    public String reveal(Row row, String fieldName) {
        Field f = def.field(fieldName);
        if (f == null || !f.secret()) {
            throw new IllegalArgumentException(fieldName + " is not a secret field of " + def.noun());
        }
        return box.open((String) row.values().get(fieldName), context(f));
    }

    private Map<String, Object> plain(Row row) {
        Map<String, Object> m = new HashMap<>(row.values());
        for (Field f : def.fields()) {
            if (f.secret()) {
                m.put(f.name(), box.open((String) m.get(f.name()), context(f)));
            }
        }
        return m;
    }

    private void checkRefs(Handle h, String accountId, Map<String, Object> merged) {
        List<FieldError> errors = new ArrayList<>();
        for (Field f : def.fields()) {
            if (f.type() instanceof FieldType.Ref ref && merged.get(f.name()) != null) {
                boolean exists = h.createQuery("SELECT COUNT(*) FROM " + ref.table() + " WHERE id = :id AND account_id = :a")
                        .bind("id", merged.get(f.name())).bind("a", accountId).mapTo(Integer.class).one() > 0;
                if (!exists) {
                    errors.add(new FieldError(f.name(), "names no " + ref.noun() + " of your account", ref.allowed()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private void bindValues(Update u, Map<String, Object> merged) {
        for (Field f : def.fields()) {
            Object v = merged.get(f.name());
            if (f.secret()) {
                u.bind(f.column(), box.seal((String) v, context(f)));
            } else if (v == null) {
                u.bindByType(f.column(), null, columnClass(f));
            } else {
                u.bind(f.column(), f.type().toDb(v));
            }
        }
    }

    private static Class<?> columnClass(Field f) {
        if (f.type() instanceof FieldType.IntRange) {
            return Integer.class;
        }
        if (f.type() instanceof FieldType.Bool) {
            return Boolean.class;
        }
        return String.class;
    }

    private String context(Field f) {
        return def.table() + "." + f.column();
    }

    private Row read(ResultSet rs) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : def.fields()) {
            Object raw = switch (columnClass(f).getSimpleName()) {
                case "Integer" -> rs.getObject(f.column()) == null ? null : rs.getInt(f.column());
                case "Boolean" -> rs.getObject(f.column()) == null ? null : rs.getBoolean(f.column());
                default -> rs.getString(f.column());
            };
            values.put(f.name(), f.secret() || raw == null ? raw : f.type().fromDb(raw));
        }
        return new Row(def, rs.getString("id"), rs.getString("account_id"), rs.getInt("version"),
                instant(rs, "created_at"), instant(rs, "updated_at"), values);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
