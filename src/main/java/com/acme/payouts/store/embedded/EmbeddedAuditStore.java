package com.acme.payouts.store.embedded;

import com.acme.payouts.audit.AuditEntry;
import com.acme.payouts.store.AuditStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The audit chain in H2: the primary key on {@code seq} makes {@link #append} a put-if-absent. */
public class EmbeddedAuditStore implements AuditStore {

    private final NamedParameterJdbcTemplate jdbc;

    public EmbeddedAuditStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<AuditEntry> head() {
        return jdbc.query("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1", Map.of(), EmbeddedAuditStore::row)
                .stream()
                .findFirst();
    }

    @Override
    public boolean append(AuditEntry e) {
        try {
            jdbc.update(
                    """
                    INSERT INTO audit_log (seq, at, actor_id, actor_name, action, entity, before_json, after_json, prev_hash, hash)
                    VALUES (:seq, :at, :actorId, :actorName, :action, :entity, :before, :after, :prevHash, :hash)
                    """,
                    new MapSqlParameterSource()
                            .addValue("seq", e.seq())
                            .addValue("at", e.at().atOffset(ZoneOffset.UTC))
                            .addValue("actorId", e.actorId())
                            .addValue("actorName", e.actorName())
                            .addValue("action", e.action())
                            .addValue("entity", e.entity())
                            .addValue("before", e.before())
                            .addValue("after", e.after())
                            .addValue("prevHash", e.prevHash())
                            .addValue("hash", e.hash()));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    @Override
    public List<AuditEntry> range(long fromSeq, int limit) {
        return jdbc.query("SELECT * FROM audit_log WHERE seq >= :from ORDER BY seq LIMIT :limit",
                Map.of("from", fromSeq, "limit", limit), EmbeddedAuditStore::row);
    }

    @Override
    public List<AuditEntry> byEntity(String entity, long beforeSeq, int limit) {
        return jdbc.query(
                "SELECT * FROM audit_log WHERE entity = :entity AND seq < :before ORDER BY seq DESC LIMIT :limit",
                Map.of("entity", entity, "before", beforeSeq, "limit", limit),
                EmbeddedAuditStore::row);
    }

    private static AuditEntry row(ResultSet rs, int n) throws SQLException {
        return new AuditEntry(
                rs.getLong("seq"),
                rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("actor_id"),
                rs.getString("actor_name"),
                rs.getString("action"),
                rs.getString("entity"),
                rs.getString("before_json"),
                rs.getString("after_json"),
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }
}
