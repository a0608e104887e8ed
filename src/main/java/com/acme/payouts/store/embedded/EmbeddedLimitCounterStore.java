package com.acme.payouts.store.embedded;

import com.acme.payouts.store.LimitCounterStore;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Daily limit counters in H2. Each increment is one conditional {@code UPDATE ... WHERE total + n <=
 * limit}; all increments of one reservation run in one transaction, rolled back if any of them does
 * not fit.
 */
public class EmbeddedLimitCounterStore implements LimitCounterStore {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public EmbeddedLimitCounterStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Thrown inside the transaction to roll it back. */
    private static final class DoesNotFit extends RuntimeException {
        DoesNotFit() {
            super(null, null, false, false);
        }
    }

    @Override
    public boolean tryAdd(List<Increment> increments) {
        try {
            tx.executeWithoutResult(status -> {
                for (Increment i : increments) {
                    if (!add(i)) {
                        throw new DoesNotFit();
                    }
                }
            });
            return true;
        } catch (DoesNotFit refused) {
            return false;
        }
    }

    private boolean add(Increment i) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("id", i.counterId())
                .addValue("cents", i.cents())
                .addValue("limit", i.limitCents())
                .addValue("expiresAt", i.expiresAt().atOffset(ZoneOffset.UTC));
        if (jdbc.update("UPDATE limit_counters SET total_cents = total_cents + :cents "
                + "WHERE counter_id = :id AND total_cents + :cents <= :limit", p) == 1) {
            return true;
        }
        if (i.cents() > i.limitCents()) {
            return false;
        }
        try {
            jdbc.update("INSERT INTO limit_counters (counter_id, total_cents, expires_at) VALUES (:id, :cents, :expiresAt)", p);
            return true;
        } catch (DuplicateKeyException exists) {
            // It existed and the update above found it full, or another writer created it just now.
            return jdbc.update("UPDATE limit_counters SET total_cents = total_cents + :cents "
                    + "WHERE counter_id = :id AND total_cents + :cents <= :limit", p) == 1;
        }
    }

    @Override
    public void subtract(List<Increment> increments) {
        for (Increment i : increments) {
            jdbc.update("UPDATE limit_counters SET total_cents = total_cents - :cents WHERE counter_id = :id",
                    Map.of("id", i.counterId(), "cents", i.cents()));
        }
    }

    @Override
    public long total(String counterId) {
        List<Long> totals = jdbc.queryForList(
                "SELECT total_cents FROM limit_counters WHERE counter_id = :id", Map.of("id", counterId), Long.class);
        return totals.isEmpty() ? 0 : totals.get(0);
    }
}
