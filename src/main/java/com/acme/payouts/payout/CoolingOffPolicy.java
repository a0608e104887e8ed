package com.acme.payouts.payout;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
 * @param customerPeriods per-customer periods that replace {@code period} for that customer's payees
 */
public record CoolingOffPolicy(Duration period, Mode mode, Map<String, Duration> customerPeriods) {

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
        customerPeriods = Map.copyOf(customerPeriods);
        if (period.isNegative() || customerPeriods.values().stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("cooling-off period must not be negative");
        }
    }

    public CoolingOffPolicy(Duration period, Mode mode) {
        this(period, mode, Map.of());
    }

    /** Whether no payee of any customer ever cools off (then nothing needs to be read to know). */
    public boolean isOff() {
        return period.isZero() && customerPeriods.values().stream().allMatch(Duration::isZero);
    }

    /** The period for this customer's payees. */
    public Duration periodFor(String customerId) {
        return customerId == null ? period : customerPeriods.getOrDefault(customerId, period);
    }

    /** When the payee's cooling-off ends, if it has not ended at {@code now}. */
    public Optional<Instant> coolingUntil(PayeeFacts payee, Instant now) {
        Duration p = periodFor(payee.customerId());
        if (p.isZero()) {
            return Optional.empty();
        }
        Instant until = payee.destinationSince().plus(p);
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
