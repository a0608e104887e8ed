package com.acme.payouts.payout;

/**
 * Who asks for a payout, with the limits their credential carries (null: the configured default).
 *
 * @param perRequestLimit the largest single payout this requester may ask for
 * @param dailyLimit the most this requester may ask for in one day (Australia/Sydney)
 */
public record Requester(Actor actor, Money perRequestLimit, Money dailyLimit) {

    public static Requester of(Actor actor) {
        return new Requester(actor, null, null);
    }
}
