package com.acme.payouts.store.embedded;

import com.acme.payouts.security.ApiKey;
import com.acme.payouts.security.Role;
import com.acme.payouts.store.ApiKeyStore;
import com.acme.payouts.store.ConcurrentUpdateException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** API keys in H2; roles and customers as comma-separated lists (neither may contain a comma). */
public class EmbeddedApiKeyStore implements ApiKeyStore {

    private final NamedParameterJdbcTemplate jdbc;

    public EmbeddedApiKeyStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insert(ApiKey key) {
        try {
            jdbc.update(
                    """
                    INSERT INTO api_keys (id, name, roles, customers, salt, secret_hash, previous_salt, previous_hash,
                        previous_valid_until, per_request_limit, daily_limit, created_by, created_at, rotated_at,
                        revoked_at, version)
                    VALUES (:id, :name, :roles, :customers, :salt, :hash, :previousSalt, :previousHash,
                        :previousValidUntil, :perRequestLimit, :dailyLimit, :createdBy, :createdAt, :rotatedAt,
                        :revokedAt, :version)
                    """,
                    params(key));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    @Override
    public Optional<ApiKey> find(String id) {
        return jdbc.query("SELECT * FROM api_keys WHERE id = :id", Map.of("id", id), EmbeddedApiKeyStore::row).stream()
                .findFirst();
    }

    @Override
    public void update(ApiKey key, long expectedVersion) {
        int changed = jdbc.update(
                """
                UPDATE api_keys SET name = :name, roles = :roles, customers = :customers, salt = :salt,
                    secret_hash = :hash, previous_salt = :previousSalt, previous_hash = :previousHash,
                    previous_valid_until = :previousValidUntil, per_request_limit = :perRequestLimit,
                    daily_limit = :dailyLimit, rotated_at = :rotatedAt, revoked_at = :revokedAt, version = :version
                WHERE id = :id AND version = :expectedVersion
                """,
                params(key).addValue("expectedVersion", expectedVersion));
        if (changed != 1) {
            throw new ConcurrentUpdateException(key.id(), expectedVersion);
        }
    }

    @Override
    public List<ApiKey> list() {
        return jdbc.query("SELECT * FROM api_keys ORDER BY created_at, id", Map.of(), EmbeddedApiKeyStore::row);
    }

    private static MapSqlParameterSource params(ApiKey k) {
        return new MapSqlParameterSource()
                .addValue("id", k.id())
                .addValue("name", k.name())
                .addValue("roles", k.roles().stream().map(Role::value).sorted().collect(Collectors.joining(",")))
                .addValue("customers", k.customers().stream().sorted().collect(Collectors.joining(",")))
                .addValue("salt", k.salt())
                .addValue("hash", k.secretHash())
                .addValue("previousSalt", k.previousSalt())
                .addValue("previousHash", k.previousHash())
                .addValue("previousValidUntil", utc(k.previousValidUntil()))
                .addValue("perRequestLimit", k.perRequestLimit())
                .addValue("dailyLimit", k.dailyLimit())
                .addValue("createdBy", k.createdBy())
                .addValue("createdAt", utc(k.createdAt()))
                .addValue("rotatedAt", utc(k.rotatedAt()))
                .addValue("revokedAt", utc(k.revokedAt()))
                .addValue("version", k.version());
    }

    private static ApiKey row(ResultSet rs, int n) throws SQLException {
        return new ApiKey(
                rs.getString("id"),
                rs.getString("name"),
                split(rs.getString("roles")).stream().map(r -> Role.of(r).orElseThrow()).collect(Collectors.toSet()),
                split(rs.getString("customers")),
                rs.getBytes("salt"),
                rs.getBytes("secret_hash"),
                rs.getBytes("previous_salt"),
                rs.getBytes("previous_hash"),
                instant(rs, "previous_valid_until"),
                rs.getBigDecimal("per_request_limit"),
                rs.getBigDecimal("daily_limit"),
                rs.getString("created_by"),
                instant(rs, "created_at"),
                instant(rs, "rotated_at"),
                instant(rs, "revoked_at"),
                rs.getLong("version"));
    }

    private static Set<String> split(String csv) {
        return csv == null || csv.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(csv.split(",")));
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
