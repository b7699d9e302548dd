package org.voxgate.server.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The audit log: one entry per change (who, what, before and after), written in the same
 * transaction as the change. Before and after are {@link Row#publicView}s, so no secret
 * value ever reaches it; a secret change shows as its {@code <name>Set} flag and version.
 */
public final class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;

    AuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One entry as the API shows it. */
    public record Entry(long id, Instant at, String actorUserId, String actorKeyId, String action, String objectType,
                        String objectId, String before, String after) {}

    static void record(Handle h, Actor actor, String accountId, String action, String objectType, String objectId,
                       Map<String, Object> before, Map<String, Object> after) {
        h.createUpdate("INSERT INTO audit_log (account_id, at, actor_user_id, actor_key_id, action, object_type, "
                        + "object_id, before_json, after_json) VALUES (:a, :at, :u, :k, :act, :t, :o, :b, :af)")
                .bind("a", accountId)
                .bind("at", OffsetDateTime.now(ZoneOffset.UTC))
                .bind("u", actor == null ? null : actor.userId())
                .bind("k", actor == null ? null : actor.keyId())
                .bind("act", action)
                .bind("t", objectType)
                .bind("o", objectId)
                .bind("b", json(before))
                .bind("af", json(after))
                .execute();
    }

    private static String json(Map<String, Object> m) {
        if (m == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(new LinkedHashMap<>(m));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The account's entries, newest first. */
    public Page<Entry> list(String accountId, int limit, int offset) {
        return jdbi.withHandle(h -> {
            int total = h.createQuery("SELECT COUNT(*) FROM audit_log WHERE account_id = :a").bind("a", accountId)
                    .mapTo(Integer.class).one();
            List<Entry> items = new ArrayList<>(h.createQuery("SELECT * FROM audit_log WHERE account_id = :a "
                            + "ORDER BY id DESC LIMIT :l OFFSET :o")
                    .bind("a", accountId).bind("l", limit).bind("o", offset)
                    .map((rs, ctx) -> new Entry(rs.getLong("id"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                            rs.getString("actor_user_id"), rs.getString("actor_key_id"), rs.getString("action"),
                            rs.getString("object_type"), rs.getString("object_id"), rs.getString("before_json"),
                            rs.getString("after_json")))
                    .list());
            return new Page<>(items, offset, total);
        });
    }
}
