package com.acme.payouts.payout;

import java.util.Set;

/**
 * Who asks for a payout, with the limits their credential carries (null: the configured default).
 *
 * @param perRequestLimit the largest single payout this requester may ask for
 * @param dailyLimit the most this requester may ask for in one day (Australia/Sydney)
 * @param customers the customers this requester may pay; empty means any
 */
public record Requester(Actor actor, Money perRequestLimit, Money dailyLimit, Set<String> customers) {

    public Requester {
        customers = Set.copyOf(customers);
    }

    public static Requester of(Actor actor) {
        return new Requester(actor, null, null, Set.of());
    }

    public boolean mayAccess(String customerId) {
        return customers.isEmpty() || customers.contains(customerId);
    }
}
