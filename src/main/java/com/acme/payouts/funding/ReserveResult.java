package com.acme.payouts.funding;

import java.math.BigDecimal;

/**
 * What an attempt to reserve money for a payout found.
 *
 * @param available the available balance the decision was made on (after a reservation, what is left)
 * @param existing the payout's reservation when it already had one, else null
 */
public record ReserveResult(Outcome outcome, BigDecimal available, Reservation existing) {

    public enum Outcome {
        /** Reserved now (new, or a released reservation taken again). */
        RESERVED,
        /** The payout already holds a reservation (or its money was already spent or returned). */
        ALREADY_RESERVED,
        /** The available balance does not cover the amount: nothing changed. */
        INSUFFICIENT,
        /** There is no balance yet (Monoova's was never read): nothing can be reserved. */
        UNINITIALISED
    }

    public boolean mayProceed() {
        return outcome == Outcome.RESERVED || outcome == Outcome.ALREADY_RESERVED;
    }
}
