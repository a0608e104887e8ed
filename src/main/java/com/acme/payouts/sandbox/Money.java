package com.acme.payouts.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The sandbox's money rules in one place: amounts are whole cents, so every amount that enters
 * the ledger is checked for at most two decimals and then carried at scale 2. Keeping the scale
 * fixed makes ledger sums comparable with {@code equals} and renders as {@code 10.00} on the wire.
 */
final class Money {

    static final int SCALE = 2;
    static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);
    static final BigDecimal MINIMUM = new BigDecimal("0.01");

    private Money() {}

    /** True when the value carries no fraction of a cent (trailing zeros don't count). */
    static boolean hasAtMostTwoDecimals(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= SCALE;
    }

    /**
     * Brings a whole-cent amount to scale 2.
     *
     * @throws IllegalArgumentException if the amount has a fraction of a cent; rounding it away
     *     would silently change money
     */
    static BigDecimal normalise(BigDecimal value) {
        if (!hasAtMostTwoDecimals(value)) {
            throw new IllegalArgumentException("amount must have at most 2 decimal places");
        }
        // UNNECESSARY: the check above guarantees no digits are lost
        return value.setScale(SCALE, RoundingMode.UNNECESSARY);
    }
}
