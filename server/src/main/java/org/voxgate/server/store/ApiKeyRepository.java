package org.voxgate.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * API keys of users, stored as hashes ({@link ApiKeys}); the plain key exists only in the
 * answer to the request that made it.
 */
public final class ApiKeyRepository {

    private final Jdbi jdbi;

    ApiKeyRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A key's public facts (never its secret or hash). */
    public record KeyInfo(String id, String userId, String lookupId, String label, Instant createdAt, Instant lastUsedAt) {
        public Map<String, Object> publicView() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("userId", userId);
            m.put("prefix", "vgk_" + lookupId);
            m.put("label", label);
            m.put("createdAt", createdAt.toString());
            m.put("lastUsedAt", lastUsedAt == null ? null : lastUsedAt.toString());
            return m;
        }
    }

    /** A new key: {@code plaintext} is returned once to the caller. */
    public record Created(KeyInfo info, String plaintext) {
        @Override
        public String toString() {
            return "Created[" + info + ", plaintext=<hidden>]";
        }
    }

    /**
     * Issues a key for a user of the actor's account.
     *
     * @return empty when the user is not in the actor's account
     */
    public Optional<Created> issue(Actor actor, String userId, String label) {
        return jdbi.inTransaction(h -> {
            int users = h.createQuery("SELECT COUNT(*) FROM users WHERE id = :u AND account_id = :a")
                    .bind("u", userId).bind("a", actor.accountId()).mapTo(Integer.class).one();
            if (users == 0) {
                return Optional.empty();
            }
            Created c = insert(h, actor.accountId(), userId, label, ApiKeys.generate());
            AuditLog.record(h, actor, actor.accountId(), "create", "apikeys", c.info().id(), null, c.info().publicView());
            return Optional.of(c);
        });
    }

    Created insert(Handle h, String accountId, String userId, String label, ApiKeys.Issued key) {
        String id = UUID.randomUUID().toString();
        h.createUpdate("INSERT INTO api_keys (id, account_id, user_id, lookup_id, secret_hash, label, created_at) "
                        + "VALUES (:id, :a, :u, :l, :h, :lab, :now)")
                .bind("id", id).bind("a", accountId).bind("u", userId).bind("l", key.lookupId())
                .bind("h", key.secretHash()).bind("lab", label).bind("now", ResourceRepository.now()).execute();
        KeyInfo info = h.createQuery("SELECT * FROM api_keys WHERE id = :id").bind("id", id)
                .map((rs, c) -> read(rs)).one();
        return new Created(info, key.plaintext());
    }

    /** A page of the keys of one user of the account, oldest first. */
    public Page<KeyInfo> listForUser(String accountId, String userId, int limit, int offset) {
        return jdbi.withHandle(h -> {
            int total = h.createQuery("SELECT COUNT(*) FROM api_keys WHERE account_id = :a AND user_id = :u")
                    .bind("a", accountId).bind("u", userId).mapTo(Integer.class).one();
            List<KeyInfo> items = h.createQuery("SELECT * FROM api_keys WHERE account_id = :a AND user_id = :u "
                            + "ORDER BY created_at, id LIMIT :l OFFSET :o").bind("a", accountId).bind("u", userId)
                    .bind("l", limit).bind("o", offset).map((rs, c) -> read(rs)).list();
            return new Page<>(items, offset, total);
        });
    }

    /** Revokes (deletes) a key of a user; false when there is no such key in the account. */
    public boolean revoke(Actor actor, String userId, String keyId) {
        return jdbi.inTransaction(h -> {
            Optional<KeyInfo> k = h.createQuery("SELECT * FROM api_keys WHERE id = :id AND account_id = :a AND user_id = :u")
                    .bind("id", keyId).bind("a", actor.accountId()).bind("u", userId).map((rs, c) -> read(rs)).findOne();
            if (k.isEmpty()) {
                return false;
            }
            h.createUpdate("DELETE FROM api_keys WHERE id = :id AND account_id = :a").bind("id", keyId)
                    .bind("a", actor.accountId()).execute();
            AuditLog.record(h, actor, actor.accountId(), "delete", "apikeys", keyId, k.get().publicView(), null);
            return true;
        });
    }

    /**
     * Finds who a presented key belongs to.
     *
     * @return the actor, or empty for a malformed, unknown or wrong key (the caller counts a failure)
     */
    public Optional<Actor> authenticate(String presented) {
        ApiKeys.Parsed p = ApiKeys.parse(presented);
        if (p == null) {
            return Optional.empty();
        }
        return jdbi.inTransaction(h -> {
            Optional<Map<String, Object>> row = h.createQuery("SELECT k.id AS key_id, k.secret_hash, k.account_id, "
                            + "k.user_id, u.role, a.platform FROM api_keys k JOIN users u ON u.id = k.user_id "
                            + "JOIN accounts a ON a.id = k.account_id WHERE k.lookup_id = :l")
                    .bind("l", p.lookupId()).mapToMap().findOne();
            // Hash even when the id is unknown, so timing does not tell whether an id exists.
            String stored = row.map(r -> (String) r.get("secret_hash")).orElse(
                    "0000000000000000000000000000000000000000000000000000000000000000");
            if (!ApiKeys.matches(p.secret(), stored) || row.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> r = row.get();
            h.createUpdate("UPDATE api_keys SET last_used_at = :now WHERE id = :id")
                    .bind("now", ResourceRepository.now()).bind("id", r.get("key_id")).execute();
            return Optional.of(new Actor((String) r.get("account_id"), (Boolean) r.get("platform"),
                    (String) r.get("user_id"), (String) r.get("key_id"), Role.fromWire((String) r.get("role"))));
        });
    }

    private static KeyInfo read(ResultSet rs) throws SQLException {
        return new KeyInfo(rs.getString("id"), rs.getString("user_id"), rs.getString("lookup_id"), rs.getString("label"),
                ResourceRepository.instant(rs, "created_at"), ResourceRepository.instant(rs, "last_used_at"));
    }
}
