package org.voxgate.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;

/** Call detail records: written by the SIP side when a call ends, read through the API. */
public final class CdrRepository {

    private final Jdbi jdbi;

    CdrRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * One finished call.
     *
     * @param id           row id (null before insert)
     * @param trunkId      trunk the call came over, or null when unknown
     * @param meetingId    meeting joined or chosen, or null
     * @param answerTime   null when never answered
     * @param codec        negotiated codec, or null
     * @param jitterMs     interarrival jitter at the end (RFC 3550 section 6.4.1)
     */
    public record Cdr(String id, String accountId, String callId, String caller, String calledNumber, String trunkId,
                      String meetingId, Instant startTime, Instant answerTime, Instant endTime, String cause, String codec,
                      long packetsLost, double jitterMs, String direction) {
        public Cdr {
            direction = direction == null ? "inbound" : direction;
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(startTime, "startTime");
            Objects.requireNonNull(endTime, "endTime");
        }

        /** A dial-in record (direction "inbound"). */
        public Cdr(String id, String accountId, String callId, String caller, String calledNumber, String trunkId,
                   String meetingId, Instant startTime, Instant answerTime, Instant endTime, String cause, String codec,
                   long packetsLost, double jitterMs) {
            this(id, accountId, callId, caller, calledNumber, trunkId, meetingId, startTime, answerTime, endTime, cause,
                    codec, packetsLost, jitterMs, "inbound");
        }

        public Map<String, Object> publicView() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("direction", direction);
            m.put("callId", callId);
            m.put("caller", caller);
            m.put("calledNumber", calledNumber);
            m.put("trunkId", trunkId);
            m.put("meetingId", meetingId);
            m.put("startTime", startTime.toString());
            m.put("answerTime", answerTime == null ? null : answerTime.toString());
            m.put("endTime", endTime.toString());
            m.put("cause", cause);
            m.put("codec", codec);
            m.put("packetsLost", packetsLost);
            m.put("jitterMs", jitterMs);
            return m;
        }
    }

    /** Stores a record; returns its id. */
    public String insert(Cdr c) {
        String id = UUID.randomUUID().toString();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO cdrs (id, account_id, call_id, caller, called_number, trunk_id, "
                        + "meeting_id, start_time, answer_time, end_time, cause, codec, packets_lost, jitter_ms, direction) VALUES "
                        + "(:id, :a, :call, :caller, :called, :trunk, :meeting, :start, :answer, :end, :cause, :codec, :lost, "
                        + ":jitter, :dir)")
                .bind("id", id).bind("a", c.accountId()).bind("call", c.callId()).bind("caller", c.caller())
                .bind("called", c.calledNumber()).bindByType("trunk", c.trunkId(), String.class)
                .bindByType("meeting", c.meetingId(), String.class).bind("start", odt(c.startTime()))
                .bindByType("answer", odt(c.answerTime()), OffsetDateTime.class).bind("end", odt(c.endTime()))
                .bind("cause", c.cause()).bindByType("codec", c.codec(), String.class).bind("lost", c.packetsLost())
                .bind("jitter", c.jitterMs()).bind("dir", c.direction()).execute());
        return id;
    }

    /** The account's records, newest first. */
    public Page<Cdr> list(String accountId, int limit, int offset) {
        return jdbi.withHandle(h -> {
            int total = h.createQuery("SELECT COUNT(*) FROM cdrs WHERE account_id = :a").bind("a", accountId)
                    .mapTo(Integer.class).one();
            List<Cdr> items = h.createQuery("SELECT * FROM cdrs WHERE account_id = :a ORDER BY start_time DESC, id "
                            + "LIMIT :l OFFSET :o").bind("a", accountId).bind("l", limit).bind("o", offset)
                    .map((rs, ctx) -> read(rs)).list();
            return new Page<>(items, offset, total);
        });
    }

    public Optional<Cdr> find(String accountId, String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM cdrs WHERE id = :id AND account_id = :a")
                .bind("id", id).bind("a", accountId).map((rs, ctx) -> read(rs)).findOne());
    }

    private static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Cdr read(ResultSet rs) throws SQLException {
        return new Cdr(rs.getString("id"), rs.getString("account_id"), rs.getString("call_id"), rs.getString("caller"),
                rs.getString("called_number"), rs.getString("trunk_id"), rs.getString("meeting_id"),
                ResourceRepository.instant(rs, "start_time"), ResourceRepository.instant(rs, "answer_time"),
                ResourceRepository.instant(rs, "end_time"), rs.getString("cause"), rs.getString("codec"),
                rs.getLong("packets_lost"), rs.getDouble("jitter_ms"), rs.getString("direction"));
    }
}
