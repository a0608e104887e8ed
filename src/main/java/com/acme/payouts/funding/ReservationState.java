package com.acme.payouts.funding;

/**
 * Where the money reserved for one payout stands. Every change is a compare-and-set from one state
 * to the next together with its effect on the balance, so applying the same change twice is a no-op.
 *
 * <pre>
 *   HELD ──completed──▶ SPENT ──returned──▶ RETURNED      (money back)
 *   HELD ──failed, or Monoova refused for funds──▶ RELEASED (money back) ──re-reserved──▶ HELD
 *   HELD ──returned before we saw completion──▶ RETURNED  (money back)
 * </pre>
 */
public enum ReservationState {
    /** Taken from the available balance for a payout that is not final yet: counts as "reserved". */
    HELD,
    /** The payout completed: the money left for good (unless it comes back as a return). */
    SPENT,
    /** The payout failed, or was never executed: the money went back to the available balance. */
    RELEASED,
    /** The payout was returned or dishonoured after completion: the money came back. */
    RETURNED
}
