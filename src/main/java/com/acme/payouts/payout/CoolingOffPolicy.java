package com.acme.payouts.payout;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Cooling-off of new and changed payee destinations: for {@code period} after a payee's destination
 * was set ({@link PayeeFacts#destinationSince()}), payouts to it are not sent. A stolen credential
 * that adds (or, with payee versions, redirects) a destination cannot pay it at once; the owner has
 * the period to notice.
 *
 * @param period zero switches cooling-off off
 * @param mode what happens to a payout requested during the period
 */
public record CoolingOffPolicy(Duration period, Mode mode) {

    /** What intake does with a payout whose payee is cooling off. */
    public enum Mode {
        /** Stored HELD and released automatically when the period ends. */
        HOLD,
        /**
         * Stored PENDING_APPROVAL (maker-checker): a second principal may release it at once. A destination
         * that changes after intake still holds the payout (HELD), since nobody approved that destination.
         */
        APPROVAL
    }

    /** No cooling-off. */
    public static final CoolingOffPolicy NONE = new CoolingOffPolicy(Duration.ZERO, Mode.HOLD);

    public CoolingOffPolicy {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(mode, "mode");
        if (period.isNegative()) {
            throw new IllegalArgumentException("cooling-off period must not be negative");
        }
    }

    /** When the payee's cooling-off ends, if it has not ended at {@code now}. */
    public Optional<Instant> coolingUntil(PayeeFacts payee, Instant now) {
        if (period.isZero()) {
            return Optional.empty();
        }
        Instant until = payee.destinationSince().plus(period);
        return now.isBefore(until) ? Optional.of(until) : Optional.empty();
    }

    /** The reason recorded with a held payout; no payee data, only times. */
    public static String reason(PayeeFacts payee, Instant until) {
        return "cooling-off: payee destination set at " + payee.destinationSince() + ", held until " + until;
    }

    /**
     * Whether a checker's approval already covers this payee's current destination: only in
     * {@link Mode#APPROVAL}, and only an approval given after the destination was set.
     */
    public boolean approvalCovers(Payout payout, PayeeFacts payee) {
        return mode == Mode.APPROVAL
                && payout.history().stream()
                        .anyMatch(t -> t.event() == PayoutEvent.APPROVED && !t.at().isBefore(payee.destinationSince()));
    }
}
