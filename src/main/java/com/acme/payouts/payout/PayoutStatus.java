package com.acme.payouts.payout;

/** Where a payout stands. Only the {@link PayoutStateMachine} moves a payout between these. */
public enum PayoutStatus {
    /** Accepted and stored by us; not yet sent to Monoova (or confirmed never received by it). */
    RECEIVED,
    /**
     * Accepted, but the balance available for payouts does not cover it: nothing is reserved and nothing
     * is sent. Released back to RECEIVED (with its money reserved), oldest first, when funds arrive.
     */
    AWAITING_FUNDS,
    /** Claimed by one worker that is about to call, or is calling, Monoova execute. */
    SUBMITTING,
    /** Monoova accepted the transaction; the final result comes by webhook or status lookup. */
    SUBMITTED,
    /** We could not see the outcome of an execute call; resolved only through the status endpoint. */
    UNKNOWN,
    /** The money reached the payee. */
    COMPLETED,
    /** Monoova refused or the payment was rejected: no money left the account for good. */
    FAILED,
    /** Completed, then sent back by the receiving bank (NPP return or DE dishonour). */
    RETURNED,
    /**
     * Above the approval threshold: stored, never sent, until a different principal with
     * {@code payout:approve} approves it (then RECEIVED) or rejects it, or the approval expires.
     */
    PENDING_APPROVAL,
    /** Rejected by a checker or not approved in time: never sent, no money moved. Final. */
    CANCELLED,
    /**
     * Its payee's destination was created or changed less than the cooling-off period ago: stored,
     * never sent, nothing reserved. Released to RECEIVED exactly once, by compare-and-set, when the
     * period has ended (docs/security.md, "Cooling-off").
     */
    HELD;

    /**
     * Whether the outcome is known. A payout that is not yet settled is one the sweeper keeps driving
     * until it is; RETURNED may still follow COMPLETED, but needs nothing from us.
     */
    public boolean isSettled() {
        return this == COMPLETED || this == FAILED || this == RETURNED || this == CANCELLED;
    }
}
