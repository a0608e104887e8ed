package com.acme.payouts.payout;

/**
 * Told about every status change {@link PayoutService} wrote, after the write. Listeners keep
 * derived records (the funding reservations) in step; they must be idempotent and must not throw
 * for the change to count, because the change is already stored (a periodic repair covers a
 * listener that could not finish).
 */
@FunctionalInterface
public interface PayoutListener {

    void changed(Payout before, Payout after);
}
