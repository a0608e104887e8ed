package com.acme.payouts.store.embedded;

import com.acme.payouts.funding.FundingBalance;
import com.acme.payouts.funding.LedgerEntry;
import com.acme.payouts.funding.Reservation;
import com.acme.payouts.funding.ReservationState;
import com.acme.payouts.funding.ReserveResult;
import com.acme.payouts.store.ConcurrentUpdateException;
import com.acme.payouts.store.FundingStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The funding store in the embedded H2 database. Each money-moving step is one transaction; the
 * balance row's conditional {@code UPDATE ... WHERE available >= :amount} is what serialises
 * concurrent reservations (H2 locks the row and re-checks the condition on the committed value).
 */
public class EmbeddedFundingStore implements FundingStore {

    static final String BALANCE_ID = "mAccount";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public EmbeddedFundingStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getJdbcTemplate().getDataSource()));
    }

    @Override
    public Optional<FundingBalance> balance() {
        return jdbc.query("SELECT * FROM funding_balance WHERE id = :id", Map.of("id", BALANCE_ID), this::balanceRow)
                .stream()
                .findFirst();
    }

    @Override
    public boolean initialise(BigDecimal available, Instant at) {
        try {
            jdbc.update(
                    """
                    INSERT INTO funding_balance (id, available, reserved, shortfall, version, updated_at)
                    VALUES (:id, :available, 0, 0, 1, :at)
                    """,
                    new MapSqlParameterSource()
                            .addValue("id", BALANCE_ID)
                            .addValue("available", cents(available))
                            .addValue("at", utc(at)));
            return true;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    @Override
    public ReserveResult reserve(String payoutId, BigDecimal amount, Instant at) {
        BigDecimal cents = cents(amount);
        Optional<Reservation> existing = reservation(payoutId);
        if (existing.isPresent() && existing.get().state() != ReservationState.RELEASED) {
            return new ReserveResult(ReserveResult.Outcome.ALREADY_RESERVED, null, existing.get());
        }
        ReserveResult result = tx.execute(status -> {
            MapSqlParameterSource p = new MapSqlParameterSource()
                    .addValue("payoutId", payoutId)
                    .addValue("amount", cents)
                    .addValue("at", utc(at))
                    .addValue("id", BALANCE_ID);
            if (existing.isPresent()) {
                int taken = jdbc.update(
                        """
                        UPDATE funding_reservations SET state = 'HELD', amount = :amount, updated_at = :at
                        WHERE payout_id = :payoutId AND state = 'RELEASED'
                        """,
                        p);
                if (taken != 1) {
                    return null; // someone else took it meanwhile
                }
            } else {
                try {
                    jdbc.update(
                            """
                            INSERT INTO funding_reservations (payout_id, amount, state, created_at, updated_at)
                            VALUES (:payoutId, :amount, 'HELD', :at, :at)
                            """,
                            p);
                } catch (DuplicateKeyException raced) {
                    status.setRollbackOnly();
                    return null;
                }
            }
            int debited = jdbc.update(
                    """
                    UPDATE funding_balance SET available = available - :amount, reserved = reserved + :amount,
                        version = version + 1, updated_at = :at
                    WHERE id = :id AND available >= :amount
                    """,
                    p);
            if (debited != 1) {
                status.setRollbackOnly();
                return balance()
                        .map(b -> new ReserveResult(ReserveResult.Outcome.INSUFFICIENT, b.available(), null))
                        .orElse(new ReserveResult(ReserveResult.Outcome.UNINITIALISED, null, null));
            }
            return new ReserveResult(ReserveResult.Outcome.RESERVED,
                    balance().map(FundingBalance::available).orElse(null), null);
        });
        if (result == null) {
            // Another writer created or re-took this payout's reservation first: report what it did.
            return reservation(payoutId)
                    .map(r -> new ReserveResult(ReserveResult.Outcome.ALREADY_RESERVED, null, r))
                    .orElseThrow(() -> new ConcurrentUpdateException(payoutId, -1));
        }
        return result;
    }

    @Override
    public boolean settle(String payoutId, ReservationState from, ReservationState to, Instant at) {
        Boolean done = tx.execute(status -> {
            MapSqlParameterSource p = new MapSqlParameterSource()
                    .addValue("payoutId", payoutId)
                    .addValue("from", from.name())
                    .addValue("to", to.name())
                    .addValue("at", utc(at))
                    .addValue("id", BALANCE_ID);
            List<BigDecimal> amounts = jdbc.queryForList(
                    "SELECT amount FROM funding_reservations WHERE payout_id = :payoutId AND state = :from", p, BigDecimal.class);
            if (amounts.isEmpty()) {
                return false;
            }
            int moved = jdbc.update(
                    """
                    UPDATE funding_reservations SET state = :to, updated_at = :at
                    WHERE payout_id = :payoutId AND state = :from
                    """,
                    p);
            if (moved != 1) {
                return false;
            }
            BigDecimal amount = amounts.get(0);
            BigDecimal unreserve = from == ReservationState.HELD ? amount : BigDecimal.ZERO;
            BigDecimal giveBack = to == ReservationState.RELEASED || to == ReservationState.RETURNED ? amount : BigDecimal.ZERO;
            jdbc.update(
                    """
                    UPDATE funding_balance SET available = available + :giveBack, reserved = reserved - :unreserve,
                        version = version + 1, updated_at = :at
                    WHERE id = :id
                    """,
                    p.addValue("giveBack", giveBack).addValue("unreserve", unreserve));
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    @Override
    public boolean record(LedgerEntry e) {
        Boolean done = tx.execute(status -> {
            try {
                insertEntry(e);
            } catch (DuplicateKeyException exists) {
                return false;
            }
            if (e.kind() == LedgerEntry.Kind.CREDIT) {
                jdbc.update(
                        """
                        UPDATE funding_balance SET available = available + :amount, version = version + 1, updated_at = :at
                        WHERE id = :id
                        """,
                        new MapSqlParameterSource()
                                .addValue("amount", cents(e.amount()))
                                .addValue("at", utc(e.recordedAt()))
                                .addValue("id", BALANCE_ID));
            }
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    @Override
    public void adjust(LedgerEntry adjustment, BigDecimal shortfallDelta, long expectedVersion) {
        if (adjustment.kind() != LedgerEntry.Kind.ADJUSTMENT) {
            throw new IllegalArgumentException("not an adjustment: " + adjustment.kind());
        }
        tx.executeWithoutResult(status -> {
            int changed = jdbc.update(
                    """
                    UPDATE funding_balance SET available = available + :amount, shortfall = shortfall + :shortfall,
                        version = version + 1, updated_at = :at
                    WHERE id = :id AND version = :expected
                    """,
                    new MapSqlParameterSource()
                            .addValue("amount", cents(adjustment.amount()))
                            .addValue("shortfall", cents(shortfallDelta))
                            .addValue("at", utc(adjustment.recordedAt()))
                            .addValue("id", BALANCE_ID)
                            .addValue("expected", expectedVersion));
            if (changed != 1) {
                throw new ConcurrentUpdateException(BALANCE_ID, expectedVersion);
            }
            insertEntry(adjustment);
        });
    }

    @Override
    public void observeMonoova(BigDecimal availableToDebit, Instant at) {
        jdbc.update(
                "UPDATE funding_balance SET monoova_available = :monoova, monoova_checked_at = :at WHERE id = :id",
                new MapSqlParameterSource()
                        .addValue("monoova", availableToDebit)
                        .addValue("at", utc(at))
                        .addValue("id", BALANCE_ID));
    }

    @Override
    public Optional<Reservation> reservation(String payoutId) {
        return jdbc.query("SELECT * FROM funding_reservations WHERE payout_id = :id", Map.of("id", payoutId),
                        this::reservationRow)
                .stream()
                .findFirst();
    }

    @Override
    public List<Reservation> reservations(ReservationState state, int limit) {
        return jdbc.query(
                "SELECT * FROM funding_reservations WHERE state = :state ORDER BY created_at, payout_id LIMIT :limit",
                new MapSqlParameterSource().addValue("state", state.name()).addValue("limit", limit),
                this::reservationRow);
    }

    @Override
    public Optional<LedgerEntry> entry(String id) {
        return jdbc.query("SELECT * FROM funding_ledger WHERE entry_id = :id", Map.of("id", id), this::entryRow)
                .stream()
                .findFirst();
    }

    @Override
    public List<LedgerEntry> entries(LocalDate from, LocalDate to) {
        return jdbc.query(
                "SELECT * FROM funding_ledger WHERE ledger_day BETWEEN :from AND :to ORDER BY occurred_at, entry_id",
                new MapSqlParameterSource().addValue("from", from).addValue("to", to),
                this::entryRow);
    }

    private void insertEntry(LedgerEntry e) {
        jdbc.update(
                """
                INSERT INTO funding_ledger (entry_id, kind, source, monoova_transaction_id, amount, batch_id, reference,
                    ledger_day, occurred_at, recorded_at, detail)
                VALUES (:id, :kind, :source, :transactionId, :amount, :batchId, :reference, :day, :occurredAt,
                    :recordedAt, :detail)
                """,
                new MapSqlParameterSource()
                        .addValue("id", e.id())
                        .addValue("kind", e.kind().name())
                        .addValue("source", e.source())
                        .addValue("transactionId", e.monoovaTransactionId())
                        .addValue("amount", cents(e.amount()))
                        .addValue("batchId", e.batchId())
                        .addValue("reference", e.reference())
                        .addValue("day", e.day())
                        .addValue("occurredAt", utc(e.occurredAt()))
                        .addValue("recordedAt", utc(e.recordedAt()))
                        .addValue("detail", e.detail()));
    }

    private FundingBalance balanceRow(ResultSet rs, int n) throws SQLException {
        OffsetDateTime checked = rs.getObject("monoova_checked_at", OffsetDateTime.class);
        return new FundingBalance(
                rs.getBigDecimal("available"),
                rs.getBigDecimal("reserved"),
                rs.getBigDecimal("shortfall"),
                rs.getBigDecimal("monoova_available"),
                checked == null ? null : checked.toInstant(),
                rs.getLong("version"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private Reservation reservationRow(ResultSet rs, int n) throws SQLException {
        return new Reservation(
                rs.getString("payout_id"),
                rs.getBigDecimal("amount"),
                ReservationState.valueOf(rs.getString("state")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private LedgerEntry entryRow(ResultSet rs, int n) throws SQLException {
        return new LedgerEntry(
                rs.getString("entry_id"),
                LedgerEntry.Kind.valueOf(rs.getString("kind")),
                rs.getString("source"),
                rs.getString("monoova_transaction_id"),
                rs.getBigDecimal("amount"),
                rs.getString("batch_id"),
                rs.getString("reference"),
                rs.getObject("ledger_day", LocalDate.class),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                rs.getString("detail"));
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
