package org.voxgate.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Accounts (tenants). A caller sees its own account; owners of the platform account (the
 * install's first) also create accounts and list them all.
 */
public final class AccountRepository {

    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,100}");

    private final Jdbi jdbi;

    AccountRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One account. */
    public record Account(String id, String name, boolean platform, int version, Instant createdAt, Instant updatedAt) {
        public Map<String, Object> publicView() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("name", name);
            m.put("platform", platform);
            m.put("version", version);
            m.put("createdAt", createdAt.toString());
            m.put("updatedAt", updatedAt.toString());
            return m;
        }
    }

    /** @throws ValidationException when the name is not 1 to 100 characters without control characters */
    public static String checkName(Object name) {
        if (!(name instanceof String s) || !NAME.matcher(s).matches()) {
            throw ValidationException.of("name", "is missing or not allowed", "1 to 100 characters, no control characters");
        }
        return s;
    }

    Account insert(Handle h, String name, boolean platform) {
        String id = UUID.randomUUID().toString();
        h.createUpdate("INSERT INTO accounts (id, name, platform, version, created_at, updated_at) "
                        + "VALUES (:id, :n, :p, 1, :now, :now)")
                .bind("id", id).bind("n", name).bind("p", platform).bind("now", ResourceRepository.now()).execute();
        return find(h, id).orElseThrow();
    }

    public Optional<Account> find(String id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    Optional<Account> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM accounts WHERE id = :id").bind("id", id).map((rs, c) -> read(rs)).findOne();
    }

    /** Every account, oldest first (for platform owners only: the caller checks). */
    public Page<Account> listAll(int limit, int offset) {
        return jdbi.withHandle(h -> {
            int total = h.createQuery("SELECT COUNT(*) FROM accounts").mapTo(Integer.class).one();
            List<Account> items = h.createQuery("SELECT * FROM accounts ORDER BY created_at, id LIMIT :l OFFSET :o")
                    .bind("l", limit).bind("o", offset).map((rs, c) -> read(rs)).list();
            return new Page<>(items, offset, total);
        });
    }

    /** Renames an account when its version is still {@code expectedVersion}. */
    public Change.Status rename(Actor actor, String id, int expectedVersion, String name) {
        return jdbi.inTransaction(h -> {
            Optional<Account> before = find(h, id);
            if (before.isEmpty()) {
                return Change.Status.NOT_FOUND;
            }
            int n = h.createUpdate("UPDATE accounts SET name = :n, version = version + 1, updated_at = :now "
                            + "WHERE id = :id AND version = :v")
                    .bind("n", name).bind("now", ResourceRepository.now()).bind("id", id).bind("v", expectedVersion)
                    .execute();
            if (n == 0) {
                return Change.Status.VERSION_MISMATCH;
            }
            AuditLog.record(h, actor, id, "update", "accounts", id, before.get().publicView(),
                    find(h, id).orElseThrow().publicView());
            return Change.Status.OK;
        });
    }

    private static Account read(ResultSet rs) throws SQLException {
        return new Account(rs.getString("id"), rs.getString("name"), rs.getBoolean("platform"), rs.getInt("version"),
                ResourceRepository.instant(rs, "created_at"), ResourceRepository.instant(rs, "updated_at"));
    }
}
