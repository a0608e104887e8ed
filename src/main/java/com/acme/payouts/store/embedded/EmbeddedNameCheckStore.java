package com.acme.payouts.store.embedded;

import com.acme.payouts.namecheck.NameCheck;
import com.acme.payouts.namecheck.NameMatch;
import com.acme.payouts.store.NameCheckStore;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Name checks in H2: one row per payee, replaced only by a newer check (UPDATE ... WHERE older, else INSERT). */
public class EmbeddedNameCheckStore implements NameCheckStore {

    private final NamedParameterJdbcTemplate jdbc;

    public EmbeddedNameCheckStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean save(NameCheck c) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("payeeId", c.payeeId())
                .addValue("customerId", c.customerId())
                .addValue("result", c.result().name())
                .addValue("owner", c.ownerNameMasked())
                .addValue("fee", c.feeIncGst())
                .addValue("token", c.monoovaToken())
                .addValue("at", c.checkedAt().atOffset(ZoneOffset.UTC))
                .addValue("byId", c.checkedById())
                .addValue("byName", c.checkedByName());
        int updated = jdbc.update(
                """
                UPDATE name_checks SET customer_id = :customerId, result = :result, owner_name_masked = :owner,
                    fee_inc_gst = :fee, monoova_token = :token, checked_at = :at, checked_by_id = :byId,
                    checked_by_name = :byName
                WHERE payee_id = :payeeId AND checked_at < :at
                """, p);
        if (updated == 1) {
            return true;
        }
        try {
            jdbc.update(
                    """
                    INSERT INTO name_checks (payee_id, customer_id, result, owner_name_masked, fee_inc_gst, monoova_token,
                        checked_at, checked_by_id, checked_by_name)
                    VALUES (:payeeId, :customerId, :result, :owner, :fee, :token, :at, :byId, :byName)
                    """, p);
            return true;
        } catch (DuplicateKeyException newerOrSame) {
            return false;
        }
    }

    @Override
    public Optional<NameCheck> find(String payeeId) {
        return jdbc.query("SELECT * FROM name_checks WHERE payee_id = :payeeId",
                        new MapSqlParameterSource("payeeId", payeeId),
                        (rs, n) -> new NameCheck(
                                rs.getString("payee_id"),
                                rs.getString("customer_id"),
                                NameMatch.valueOf(rs.getString("result")),
                                rs.getString("owner_name_masked"),
                                rs.getBigDecimal("fee_inc_gst"),
                                rs.getString("monoova_token"),
                                rs.getObject("checked_at", OffsetDateTime.class).toInstant(),
                                rs.getString("checked_by_id"),
                                rs.getString("checked_by_name")))
                .stream()
                .findFirst();
    }
}
