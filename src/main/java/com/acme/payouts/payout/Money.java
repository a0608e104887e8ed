package com.acme.payouts.payout;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An amount of Australian dollars with exactly two decimal places.
 *
 * <p>Monoova takes amounts as JSON numbers with at most cents precision; holding them as scale-2
 * {@link BigDecimal} means no amount is ever rounded silently: anything finer than a cent is refused.
 */
public record Money(BigDecimal amount, String currency) implements Comparable<Money> {

    public static final String AUD = "AUD";
    public static final Money ZERO = new Money(BigDecimal.ZERO, AUD);

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (!AUD.equals(currency)) {
            throw new IllegalArgumentException("only AUD is supported");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("amount has more than two decimal places");
        }
        // UNNECESSARY: the check above guarantees no digit is lost.
        amount = amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    public static Money aud(String amount) {
        return new Money(new BigDecimal(amount), AUD);
    }

    public static Money aud(BigDecimal amount) {
        return new Money(amount, AUD);
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(other.amount), currency);
    }

    /** The amount as it is written on the API: a decimal string with two places. */
    public String toPlainString() {
        return amount.toPlainString();
    }

    @Override
    public int compareTo(Money o) {
        return amount.compareTo(o.amount);
    }

    @Override
    public String toString() {
        return currency + " " + amount.toPlainString();
    }
}
