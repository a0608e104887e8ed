package com.acme.payouts.store.embedded;

import com.acme.payouts.payee.MaskedDestination;
import com.acme.payouts.payee.Payee;
import com.acme.payouts.payee.PayeeType;
import com.acme.payouts.payee.crypto.SealedPayee;
import com.acme.payouts.store.InvalidCursorException;
import com.acme.payouts.store.Page;
import com.acme.payouts.store.PayeeStore;
import com.acme.payouts.store.StoredPayee;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payees in H2: the head in {@code payees} (owner, current version, masked facts as JSON, blind index; a unique
 * index on customer and blind index refuses duplicates), every version's wrapped data key and ciphertext as separate
 * binary columns of {@code payee_versions}. Each write is one transaction.
 */
public class EmbeddedPayeeStore implements PayeeStore {

    private static final String SELECT_VERSION =
            """
            SELECT h.id, h.customer_id, h.created_at, v.version, v.type, v.masked, v.de_eligible, v.kek_id,
                   v.wrapped_data_key, v.ciphertext, v.created_at AS version_created_at
            FROM payees h JOIN payee_versions v ON v.payee_id = h.id
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json = new ObjectMapper();

    public EmbeddedPayeeStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getJdbcTemplate().getDataSource()));
    }

    @Override
    public WriteResult insert(StoredPayee stored, String blindIndex) {
        Payee p = stored.payee();
        try {
            return tx.execute(status -> {
                jdbc.update(
                        """
                        INSERT INTO payees (id, customer_id, type, masked, de_eligible, version, blind_index, created_at)
                        VALUES (:id, :customerId, :type, :masked, :deEligible, :version, :blindIndex, :createdAt)
                        """,
                        head(p).addValue("blindIndex", blindIndex).addValue("createdAt", utc(p.createdAt())));
                insertVersion(stored);
                return new Written();
            });
        } catch (DuplicateKeyException taken) {
            Optional<String> existing = byBlindIndex(p.customerId(), blindIndex);
            return existing.isPresent() ? new Duplicate(existing.get()) : new IdTaken();
        }
    }

    @Override
    public Optional<StoredPayee> find(String id) {
        return jdbc.query(SELECT_VERSION + " WHERE h.id = :id AND v.version = h.version", Map.of("id", id), this::row)
                .stream()
                .findFirst();
    }

    @Override
    public Optional<StoredPayee> findVersion(String id, int version) {
        return jdbc.query(
                        SELECT_VERSION + " WHERE h.id = :id AND v.version = :version AND v.wrapped_data_key IS NOT NULL",
                        Map.of("id", id, "version", version),
                        this::row)
                .stream()
                .findFirst();
    }

    @Override
    public Page<Payee> listByCustomer(String customerId, int limit, String cursor) {
        StringBuilder sql = new StringBuilder(SELECT_VERSION + " WHERE h.customer_id = :customerId AND v.version = h.version");
        MapSqlParameterSource params = new MapSqlParameterSource("customerId", customerId).addValue("limit", limit + 1);
        if (cursor != null && !cursor.isBlank()) {
            String[] parts = decodeCursor(cursor);
            sql.append(" AND (h.created_at < :cursorAt OR (h.created_at = :cursorAt AND h.id < :cursorId))");
            params.addValue("cursorAt", utc(Instant.parse(parts[1]))).addValue("cursorId", parts[0]);
        }
        sql.append(" ORDER BY h.created_at DESC, h.id DESC LIMIT :limit");
        List<Payee> rows = new ArrayList<>(jdbc.query(sql.toString(), params, (rs, n) -> row(rs, n).payee()));
        if (rows.size() > limit) {
            Payee last = rows.get(limit - 1);
            return new Page<>(new ArrayList<>(rows.subList(0, limit)), encodeCursor(last));
        }
        return new Page<>(rows, null);
    }

    @Override
    public WriteResult addVersion(StoredPayee next, int expectedVersion, String blindIndex) {
        Payee p = next.payee();
        try {
            return tx.execute(status -> {
                int changed = jdbc.update(
                        """
                        UPDATE payees SET type = :type, masked = :masked, de_eligible = :deEligible, version = :version,
                                          blind_index = :blindIndex
                        WHERE id = :id AND version = :expected
                        """,
                        head(p).addValue("blindIndex", blindIndex).addValue("expected", expectedVersion));
                if (changed == 0) {
                    status.setRollbackOnly();
                    return new VersionConflict();
                }
                insertVersion(next);
                return new Written();
            });
        } catch (DuplicateKeyException taken) {
            return byBlindIndex(p.customerId(), blindIndex)
                    .filter(other -> !other.equals(p.id()))
                    .<WriteResult>map(Duplicate::new)
                    .orElseGet(VersionConflict::new);
        }
    }

    @Override
    public boolean delete(String id) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            // Keys first: whatever happens after, no version of this payee can be opened again.
            jdbc.update(
                    """
                    UPDATE payee_versions SET wrapped_data_key = NULL, kek_id = NULL, shredded_at = :now
                    WHERE payee_id = :id AND wrapped_data_key IS NOT NULL
                    """,
                    new MapSqlParameterSource("id", id).addValue("now", utc(Instant.now())));
            return jdbc.update("DELETE FROM payees WHERE id = :id", Map.of("id", id)) == 1;
        }));
    }

    @Override
    public List<SealedVersion> wrappedNotUnder(String kekId, int limit) {
        return jdbc.query(
                """
                SELECT payee_id, version, kek_id, wrapped_data_key, ciphertext FROM payee_versions
                WHERE wrapped_data_key IS NOT NULL AND kek_id <> :kekId
                ORDER BY payee_id, version LIMIT :limit
                """,
                new MapSqlParameterSource("kekId", kekId).addValue("limit", limit),
                (rs, n) -> new SealedVersion(
                        rs.getString("payee_id"),
                        rs.getInt("version"),
                        new SealedPayee(rs.getString("kek_id"), rs.getBytes("wrapped_data_key"), rs.getBytes("ciphertext"))));
    }

    @Override
    public long[] countWrapped(String kekId) {
        return jdbc.queryForObject(
                """
                SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN kek_id = :kekId THEN 1 ELSE 0 END), 0) AS under
                FROM payee_versions WHERE wrapped_data_key IS NOT NULL
                """,
                Map.of("kekId", kekId),
                (rs, n) -> new long[] {rs.getLong("total"), rs.getLong("under")});
    }

    @Override
    public boolean rewrap(SealedVersion current, SealedPayee rewrapped) {
        return jdbc.update(
                        """
                        UPDATE payee_versions SET kek_id = :newKek, wrapped_data_key = :newWrapped
                        WHERE payee_id = :id AND version = :version AND kek_id = :oldKek
                          AND wrapped_data_key = :oldWrapped
                        """,
                        new MapSqlParameterSource("id", current.payeeId())
                                .addValue("version", current.version())
                                .addValue("oldKek", current.sealed().kekId())
                                .addValue("oldWrapped", current.sealed().wrappedDataKey())
                                .addValue("newKek", rewrapped.kekId())
                                .addValue("newWrapped", rewrapped.wrappedDataKey()))
                == 1;
    }

    private void insertVersion(StoredPayee stored) {
        Payee p = stored.payee();
        jdbc.update(
                """
                INSERT INTO payee_versions (payee_id, version, type, masked, de_eligible, kek_id, wrapped_data_key,
                                            ciphertext, created_at)
                VALUES (:id, :version, :type, :masked, :deEligible, :kekId, :wrapped, :ciphertext, :createdAt)
                """,
                head(p).addValue("kekId", stored.sealed().kekId())
                        .addValue("wrapped", stored.sealed().wrappedDataKey())
                        .addValue("ciphertext", stored.sealed().ciphertext())
                        .addValue("createdAt", utc(p.destinationSince())));
    }

    private Optional<String> byBlindIndex(String customerId, String blindIndex) {
        if (blindIndex == null) {
            return Optional.empty();
        }
        return jdbc.queryForList(
                        "SELECT id FROM payees WHERE customer_id = :customerId AND blind_index = :blindIndex",
                        Map.of("customerId", customerId, "blindIndex", blindIndex),
                        String.class)
                .stream()
                .findFirst();
    }

    private MapSqlParameterSource head(Payee p) {
        try {
            return new MapSqlParameterSource()
                    .addValue("id", p.id())
                    .addValue("customerId", p.customerId())
                    .addValue("type", p.type().name())
                    .addValue("masked", json.writeValueAsString(p.masked()))
                    .addValue("deEligible", p.directEntryEligible())
                    .addValue("version", p.version());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise masked payee", e);
        }
    }

    private StoredPayee row(ResultSet rs, int n) throws SQLException {
        try {
            Payee payee = new Payee(
                    rs.getString("id"),
                    rs.getString("customer_id"),
                    PayeeType.valueOf(rs.getString("type")),
                    json.readValue(rs.getString("masked"), MaskedDestination.class),
                    rs.getBoolean("de_eligible"),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    rs.getInt("version"),
                    rs.getObject("version_created_at", OffsetDateTime.class).toInstant());
            byte[] wrapped = rs.getBytes("wrapped_data_key");
            SealedPayee sealed = wrapped == null
                    ? null
                    : new SealedPayee(rs.getString("kek_id"), wrapped, rs.getBytes("ciphertext"));
            return new StoredPayee(payee, sealed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read masked payee", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String encodeCursor(Payee last) {
        String raw = last.id() + "|" + last.createdAt();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decodeCursor(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            if (parts.length != 2 || !parts[0].startsWith("pe_")) {
                throw new IllegalArgumentException();
            }
            Instant.parse(parts[1]);
            return parts;
        } catch (RuntimeException e) {
            throw new InvalidCursorException();
        }
    }
}
