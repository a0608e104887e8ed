package com.acme.payouts.reconciliation;

/** The kinds of difference a reconciliation reports (ADR 0007). */
public enum BreakType {
    /**
     * Monoova knows an outcome we never heard of: a payout final at Monoova but not with us, or an
     * inbound credit in the receivables report that is not in our ledger (its webhook never arrived).
     */
    MISSING_WEBHOOK,
    /** A transaction on our mAccount that is not one of our payouts. */
    ORPHAN_MONOOVA_TRANSACTION,
    /** The same payout or credit with different amounts on the two sides. */
    AMOUNT_MISMATCH,
    /**
     * A payout Monoova's statement counts as paid that came back later (NPP return, DE dishonour):
     * the books of the day it was paid need a reversal.
     */
    LATE_RETURN,
    /** A payout UNKNOWN for longer than {@code payouts.reconciliation.stuck-unknown-after}. */
    STUCK_UNKNOWN,
    /** Monoova's {@code availableToDebit} is outside what our ledger and payouts in flight explain. */
    UNEXPLAINED_BALANCE_DIFFERENCE,
    /** Something we hold as sent, paid or credited that Monoova has no record of. */
    UNKNOWN_TO_MONOOVA
}
