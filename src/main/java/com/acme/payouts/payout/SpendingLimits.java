package com.acme.payouts.payout;

/**
 * Per-request and per-day limits on money, per requester and per customer. {@link #reserve} counts
 * the amount against every daily total atomically (all or none) or refuses it; a reservation whose
 * payout was not stored after all is handed back with {@link #release}.
 */
public interface SpendingLimits {

    /** No limits (tests of intake alone). */
    SpendingLimits NONE = new SpendingLimits() {
        @Override
        public Reservation reserve(Requester requester, String customerId, Money amount) {
            return Reservation.NOTHING;
        }

        @Override
        public void release(Reservation reservation) {}
    };

    /**
     * @throws com.acme.payouts.support.LimitExceededException naming the limit, before anything is stored
     */
    Reservation reserve(Requester requester, String customerId, Money amount);

    /**
     * Like {@link #reserve(Requester, String, Money)}, and also counts the payout against the payee's
     * limits (velocity per payee), all or nothing.
     *
     * @throws com.acme.payouts.support.LimitExceededException naming the limit, before anything is stored
     */
    default Reservation reserve(Requester requester, String customerId, String payeeId, Money amount) {
        return reserve(requester, customerId, amount);
    }

    void release(Reservation reservation);

    /** What {@link #reserve} counted, so that it can be handed back. */
    interface Reservation {
        Reservation NOTHING = new Reservation() {};
    }
}
