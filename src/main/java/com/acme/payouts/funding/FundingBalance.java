package com.acme.payouts.funding;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Our running view of the money in the sign-in mAccount that payouts may use (ADR 0006).
 *
 * @param available what new reservations may take: credits in, reservations out, money back in
 * @param reserved the sum of HELD reservations (payouts accepted but not final)
 * @param shortfall how much {@code available} was lowered because Monoova's {@code availableToDebit}
 *     showed less than we expected; given back (at most this much) when Monoova shows it again
 * @param monoovaAvailable Monoova's {@code availableToDebit} at the last check, or null
 * @param monoovaCheckedAt when that was read, or null
 * @param version bumped by every change of the amounts; adjustments are compare-and-set on it
 */
public record FundingBalance(
        BigDecimal available,
        BigDecimal reserved,
        BigDecimal shortfall,
        BigDecimal monoovaAvailable,
        Instant monoovaCheckedAt,
        long version,
        Instant updatedAt) {}
