package com.acme.payouts.payout;

/** An event was applied to a payout in a state where the transition table does not allow it. */
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(String payoutId, PayoutStatus from, PayoutEvent event) {
        super("payout " + payoutId + ": " + event + " is not allowed in " + from);
    }
}
