package com.acme.payouts.store;

import java.time.Instant;
import java.util.List;

/**
 * Daily totals for payout limits, in cents. {@link #tryAdd} adds to several counters atomically and
 * only if every one stays within its limit, so two instances can't both pass a limit that only one
 * request still fits under.
 */
public interface LimitCounterStore {

    /**
     * One increment.
     *
     * @param counterId e.g. {@code key:<id>:2026-11-25}
     * @param limitCents the total the counter may reach
     * @param expiresAt when the counter may be forgotten (after its day is over)
     */
    record Increment(String counterId, long cents, long limitCents, Instant expiresAt) {}

    /** Adds every increment, or none if any counter would pass its limit; {@code true} if added. */
    boolean tryAdd(List<Increment> increments);

    /** Takes increments back (a reservation whose payout was not stored). */
    void subtract(List<Increment> increments);

    /** The counter's total, 0 if it doesn't exist. */
    long total(String counterId);
}
