package com.acme.payouts.store.embedded;

import com.acme.payouts.payout.Actor;
import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutMethod;
import com.acme.payouts.payout.PayoutStatus;
import com.acme.payouts.payout.Transition;
import com.acme.payouts.store.ConcurrentUpdateException;
import com.acme.payouts.store.Page;
import com.acme.payouts.store.PayoutQuery;
import com.acme.payouts.store.PayoutStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Payouts in the embedded H2 file database. The version column carries compare-and-set: an update
 * only lands {@code WHERE version = expected}, exactly like the DynamoDB condition in the aws profile.
 */
public class EmbeddedPayoutStore implements PayoutStore {

    private static final TypeReference<List<Transition>> HISTORY = new TypeReference<>() {};

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;

    public EmbeddedPayoutStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Override
    public boolean insert(Payout p) {
        try {
            jdbc.update(
                    """
                    INSERT INTO payouts (id, idempotency_key, fingerprint, source, customer_id, payee_id, payee_masked,
                        amount, currency, method, reference, monoova_reference, status, version, monoova_transaction_id,
                        failure_reason, submit_attempts, created_at, updated_at, history,
                        created_by_id, created_by_name, approval_deadline, decided_by_id, decided_by_name, payee_version)
                    VALUES (:id, :idempotencyKey, :fingerprint, :source, :customerId, :payeeId, :payeeMasked,
                        :amount, :currency, :method, :reference, :monoovaReference, :status, :version, :transactionId,
                        :failureReason, :submitAttempts, :createdAt, :updatedAt, :history,
                        :createdById, :createdByName, :approvalDeadline, :decidedById, :decidedByName, :payeeVersion)
                    """,
                    params(p));
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    @Override
    public Optional<Payout> find(String id) {
        return jdbc.query("SELECT * FROM payouts WHERE id = :id", Map.of("id", id), this::row).stream()
                .findFirst();
    }

    @Override
    public void update(Payout p, long expectedVersion) {
        MapSqlParameterSource params = params(p).addValue("expectedVersion", expectedVersion);
        int changed = jdbc.update(
                """
                UPDATE payouts SET status = :status, version = :version, monoova_transaction_id = :transactionId,
                    failure_reason = :failureReason, submit_attempts = :submitAttempts, updated_at = :updatedAt,
                    history = :history, decided_by_id = :decidedById, decided_by_name = :decidedByName
                WHERE id = :id AND version = :expectedVersion
                """,
                params);
        if (changed != 1) {
            throw new ConcurrentUpdateException(p.id(), expectedVersion);
        }
    }

    @Override
    public List<Payout> findStale(Set<PayoutStatus> statuses, Instant before, int limit) {
        if (statuses.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                "SELECT * FROM payouts WHERE status IN (:statuses) AND updated_at < :before ORDER BY updated_at LIMIT :limit",
                new MapSqlParameterSource()
                        .addValue("statuses", statuses.stream().map(Enum::name).toList())
                        .addValue("before", utc(before))
                        .addValue("limit", limit),
                this::row);
    }

    @Override
    public Page<Payout> list(PayoutQuery q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM payouts WHERE 1 = 1");
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("limit", q.limit() + 1);
        if (q.status() != null) {
            sql.append(" AND status = :status");
            params.addValue("status", q.status().name());
        }
        if (q.customerId() != null) {
            sql.append(" AND customer_id = :customerId");
            params.addValue("customerId", q.customerId());
        }
        Cursor cursor = Cursor.decode(q.cursor());
        if (cursor != null) {
            sql.append(" AND (created_at < :cursorAt OR (created_at = :cursorAt AND id < :cursorId))");
            params.addValue("cursorAt", utc(cursor.createdAt())).addValue("cursorId", cursor.id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        List<Payout> rows = new ArrayList<>(jdbc.query(sql.toString(), params, this::row));
        String next = null;
        if (rows.size() > q.limit()) {
            rows = new ArrayList<>(rows.subList(0, q.limit()));
            Payout last = rows.get(rows.size() - 1);
            next = new Cursor(last.createdAt(), last.id()).encode();
        }
        return new Page<>(rows, next);
    }

    @Override
    public Map<PayoutStatus, Long> countByStatus(Set<PayoutStatus> statuses) {
        Map<PayoutStatus, Long> counts = new EnumMap<>(PayoutStatus.class);
        for (PayoutStatus s : statuses) {
            counts.put(s, 0L);
        }
        if (statuses.isEmpty()) {
            return counts;
        }
        jdbc.query("SELECT status, COUNT(*) AS n FROM payouts WHERE status IN (:statuses) GROUP BY status",
                new MapSqlParameterSource("statuses", statuses.stream().map(Enum::name).toList()), rs -> {
                    counts.put(PayoutStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                });
        return counts;
    }

    private MapSqlParameterSource params(Payout p) {
        return new MapSqlParameterSource()
                .addValue("id", p.id())
                .addValue("idempotencyKey", p.idempotencyKey())
                .addValue("fingerprint", p.requestFingerprint())
                .addValue("source", p.source())
                .addValue("customerId", p.customerId())
                .addValue("payeeId", p.payeeId())
                .addValue("payeeMasked", p.payeeMasked())
                .addValue("amount", p.amount().amount())
                .addValue("currency", p.amount().currency())
                .addValue("method", p.method().name())
                .addValue("reference", p.reference())
                .addValue("monoovaReference", p.monoovaReference())
                .addValue("status", p.status().name())
                .addValue("version", p.version())
                .addValue("transactionId", p.monoovaTransactionId())
                .addValue("failureReason", p.failureReason())
                .addValue("submitAttempts", p.submitAttempts())
                .addValue("createdAt", utc(p.createdAt()))
                .addValue("updatedAt", utc(p.updatedAt()))
                .addValue("history", writeHistory(p.history()))
                .addValue("createdById", p.createdBy() == null ? null : p.createdBy().id())
                .addValue("createdByName", p.createdBy() == null ? null : p.createdBy().name())
                .addValue("approvalDeadline", p.approvalDeadline() == null ? null : utc(p.approvalDeadline()))
                .addValue("decidedById", p.decidedBy() == null ? null : p.decidedBy().id())
                .addValue("decidedByName", p.decidedBy() == null ? null : p.decidedBy().name())
                .addValue("payeeVersion", p.payeeVersion());
    }

    private static Actor actor(ResultSet rs, String prefix) throws SQLException {
        String id = rs.getString(prefix + "_id");
        return id == null ? null : new Actor(id, rs.getString(prefix + "_name"));
    }

    private Payout row(ResultSet rs, int n) throws SQLException {
        Long transactionId = rs.getObject("monoova_transaction_id", Long.class);
        return new Payout(
                rs.getString("id"),
                rs.getString("idempotency_key"),
                rs.getString("fingerprint"),
                rs.getString("source"),
                rs.getString("customer_id"),
                rs.getString("payee_id"),
                rs.getString("payee_masked"),
                new Money(rs.getBigDecimal("amount"), rs.getString("currency")),
                PayoutMethod.valueOf(rs.getString("method")),
                rs.getString("reference"),
                rs.getString("monoova_reference"),
                PayoutStatus.valueOf(rs.getString("status")),
                rs.getLong("version"),
                transactionId,
                rs.getString("failure_reason"),
                rs.getInt("submit_attempts"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                readHistory(rs.getString("history")),
                actor(rs, "created_by"),
                rs.getObject("approval_deadline", OffsetDateTime.class) == null
                        ? null
                        : rs.getObject("approval_deadline", OffsetDateTime.class).toInstant(),
                actor(rs, "decided_by"),
                rs.getObject("payee_version", Integer.class));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private String writeHistory(List<Transition> history) {
        try {
            return json.writeValueAsString(history);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise payout history", e);
        }
    }

    private List<Transition> readHistory(String text) {
        try {
            return json.readValue(text, HISTORY);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read payout history", e);
        }
    }

    /** Keyset position: the (createdAt, id) of the last row of the previous page. */
    record Cursor(Instant createdAt, String id) {
        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((createdAt.toString() + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
                return new Cursor(Instant.parse(parts[0]), parts[1]);
            } catch (RuntimeException e) {
                throw new com.acme.payouts.store.InvalidCursorException();
            }
        }
    }
}
