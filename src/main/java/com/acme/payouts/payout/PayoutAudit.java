package com.acme.payouts.payout;

/**
 * Where the payout use cases report every change they made, after it was written: the audit trail
 * implements it. The domain only says what happened; how it is chained and stored is not its concern.
 */
public interface PayoutAudit {

    /** Records nothing: for tests of the state machine alone. */
    PayoutAudit NONE = (action, before, after, actor) -> {};

    /**
     * @param action e.g. {@code payout.created}, {@code payout.approved}, {@code payout.status-changed}
     * @param before the payout before the change, or null when it was created
     */
    void record(String action, Payout before, Payout after, Actor actor);
}
