package com.acme.payouts.store.embedded;

import com.acme.payouts.store.RedriveAuditStore;
import com.acme.payouts.store.RedriveRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The redrive audit in H2: INSERT only, never UPDATE or DELETE. */
public class EmbeddedRedriveAuditStore implements RedriveAuditStore {

    private final NamedParameterJdbcTemplate jdbc;

    public EmbeddedRedriveAuditStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void append(RedriveRecord r) {
        try {
            jdbc.update(
                    """
                    INSERT INTO redrive_audit (id, redriven_at, who, queue, message_id, new_message_id, reason, outcome)
                    VALUES (:id, :at, :who, :queue, :messageId, :newMessageId, :reason, :outcome)
                    """,
                    new MapSqlParameterSource()
                            .addValue("id", r.id())
                            .addValue("at", r.at().atOffset(ZoneOffset.UTC))
                            .addValue("who", r.who())
                            .addValue("queue", r.queue())
                            .addValue("messageId", r.messageId())
                            .addValue("newMessageId", r.newMessageId())
                            .addValue("reason", r.reason())
                            .addValue("outcome", r.outcome()));
        } catch (DuplicateKeyException exists) {
            throw new IllegalStateException("audit record " + r.id() + " exists and is never replaced");
        }
    }

    @Override
    public List<RedriveRecord> recent(int limit) {
        return jdbc.query(
                "SELECT * FROM redrive_audit ORDER BY redriven_at DESC, id DESC LIMIT :limit",
                new MapSqlParameterSource("limit", limit),
                (rs, n) -> new RedriveRecord(
                        rs.getString("id"),
                        rs.getObject("redriven_at", OffsetDateTime.class).toInstant(),
                        rs.getString("who"),
                        rs.getString("queue"),
                        rs.getString("message_id"),
                        rs.getString("new_message_id"),
                        rs.getString("reason"),
                        rs.getString("outcome")));
    }
}
