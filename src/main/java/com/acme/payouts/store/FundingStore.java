package com.acme.payouts.store;

import com.acme.payouts.funding.FundingBalance;
import com.acme.payouts.funding.LedgerEntry;
import com.acme.payouts.funding.Reservation;
import com.acme.payouts.funding.ReservationState;
import com.acme.payouts.funding.ReserveResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The funding ledger, the per-payout reservations and the one balance they move (ADR 0006).
 *
 * <p>Every write that changes money is one atomic step across the record and the balance (an H2
 * transaction; a DynamoDB {@code TransactWriteItems}), conditional on the state it expects, so that
 * any number of instances can reserve concurrently without two of them spending the same dollars, and
 * a repeated step (redelivery, crash and retry) changes nothing.
 */
public interface FundingStore {

    Optional<FundingBalance> balance();

    /** Creates the balance with this opening amount unless it exists; {@code true} if created now. */
    boolean initialise(BigDecimal available, Instant at);

    /**
     * Reserves {@code amount} for the payout: a new reservation, or a RELEASED one taken again, is
     * HELD and the available balance lowered, both at once and only if the balance covers it.
     */
    ReserveResult reserve(String payoutId, BigDecimal amount, Instant at);

    /**
     * Moves the payout's reservation from {@code from} to {@code to} and applies the effect on the
     * balance (HELD leaves {@code reserved}; RELEASED and RETURNED give the amount back to
     * {@code available}). {@code false} if the reservation is not in {@code from} (nothing changed).
     */
    boolean settle(String payoutId, ReservationState from, ReservationState to, Instant at);

    /**
     * Appends a ledger entry unless one with its id exists; a CREDIT adds its amount to the available
     * balance in the same step. {@code false} if the entry was already there (nothing changed).
     */
    boolean record(LedgerEntry entry);

    /**
     * Appends an ADJUSTMENT entry and applies it (available += amount, shortfall += shortfallDelta),
     * only if the balance is still at {@code expectedVersion}.
     *
     * @throws ConcurrentUpdateException if the balance changed since it was read
     */
    void adjust(LedgerEntry adjustment, BigDecimal shortfallDelta, long expectedVersion);

    /** Remembers Monoova's {@code availableToDebit} as last read (does not change any amount). */
    void observeMonoova(BigDecimal availableToDebit, Instant at);

    Optional<Reservation> reservation(String payoutId);

    /** Reservations in a state, oldest first. */
    List<Reservation> reservations(ReservationState state, int limit);

    Optional<LedgerEntry> entry(String id);

    /** Ledger entries whose Sydney {@code day} is in [from, to], in time order. */
    List<LedgerEntry> entries(LocalDate from, LocalDate to);
}
