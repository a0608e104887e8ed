package com.acme.payouts.limits;

import com.acme.payouts.payout.Money;
import com.acme.payouts.store.LimitCounterStore.Increment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Velocity limits: how many payouts, and how much money, one payee and one customer may receive in any
 * rolling 24 hours.
 *
 * <p>Design (docs/security.md, "Velocity limits"): time is cut into buckets of {@code bucket} (it must
 * divide 24 h). For every bucket start {@code j} there is one counter per limit for the window
 * {@code [j, j + 24h + bucket)}; a payout at time {@code t} is added to every such window containing
 * {@code t} ({@code 24h / bucket + 1} counters), each conditional on staying within the limit, in the one
 * all-or-nothing write of {@link com.acme.payouts.store.LimitCounterStore#tryAdd} together with the daily
 * counters. Any 24 hours {@code [s, s + 24h)} lie inside the window starting at {@code s} rounded down to
 * a bucket, so no 24 hours ever hold more than the limit, whatever instance counted what (conditional
 * writes, nothing read first). The price is conservatism: a payout is still counted up to 24 h plus one
 * bucket after it was made. Nothing is read before the write, so the clock boundaries of instances
 * cannot race: an instance whose clock is off only counts its payout in slightly shifted windows.
 */
public final class VelocityLimits {

    private static final Duration DAY = Duration.ofHours(24);

    /** One scope's limits; a null field means no such limit. */
    public record Limit(Integer maxCount, Money maxAmount) {
        public static final Limit NONE = new Limit(null, null);

        public boolean isNone() {
            return maxCount == null && maxAmount == null;
        }
    }

    /** A customer's own limits: for each of its payees, and for the customer as a whole. */
    public record CustomerVelocity(Limit perPayee, Limit perCustomer) {}

    private final Limit perPayee;
    private final Limit perCustomer;
    private final Duration bucket;
    private final Map<String, CustomerVelocity> customers;

    public VelocityLimits(Limit perPayee, Limit perCustomer, Duration bucket) {
        this(perPayee, perCustomer, bucket, Map.of());
    }

    /** @param customers overrides for some customers (they replace the defaults for that customer) */
    public VelocityLimits(Limit perPayee, Limit perCustomer, Duration bucket, Map<String, CustomerVelocity> customers) {
        this.perPayee = Objects.requireNonNull(perPayee);
        this.perCustomer = Objects.requireNonNull(perCustomer);
        this.bucket = Objects.requireNonNull(bucket);
        this.customers = Map.copyOf(customers);
        if (bucket.isZero() || bucket.isNegative() || DAY.toMillis() % bucket.toMillis() != 0) {
            throw new IllegalArgumentException("the velocity bucket must divide 24 hours, was " + bucket);
        }
    }

    public static VelocityLimits none() {
        return new VelocityLimits(Limit.NONE, Limit.NONE, Duration.ofHours(1));
    }

    /** Which limit an increment counts for, to name it when the write is refused. */
    public record Counted(Increment increment, String field, String limit, String message) {}

    /** Every increment a payout of {@code amount} to {@code payeeId} at {@code now} adds. */
    public List<Counted> increments(String customerId, String payeeId, Money amount, Instant now) {
        List<Counted> out = new ArrayList<>();
        CustomerVelocity own = customers.get(customerId);
        add(out, "payee", payeeId, own == null ? perPayee : own.perPayee(), amount, now, "payeeId");
        add(out, "customer", customerId, own == null ? perCustomer : own.perCustomer(), amount, now, "amount");
        return out;
    }

    /** The most counters one payout can take under these limits (for the size of the one write). */
    public int maxCounters() {
        int most = counters(perPayee) + counters(perCustomer);
        for (CustomerVelocity c : customers.values()) {
            most = Math.max(most, counters(c.perPayee()) + counters(c.perCustomer()));
        }
        return most;
    }

    private int counters(Limit limit) {
        return windowsPerLimit() * ((limit.maxCount() == null ? 0 : 1) + (limit.maxAmount() == null ? 0 : 1));
    }

    /** How many counters each limit takes (for the transaction size). */
    public int windowsPerLimit() {
        return (int) (DAY.toMillis() / bucket.toMillis()) + 1;
    }

    private void add(List<Counted> out, String scope, String id, Limit limit, Money amount, Instant now, String field) {
        if (id == null) {
            return;
        }
        long b = bucket.toMillis();
        long current = Math.floorDiv(now.toEpochMilli(), b) * b;
        for (int m = 0; m < windowsPerLimit(); m++) {
            long start = current - m * b;
            Instant expires = Instant.ofEpochMilli(start).plus(DAY).plus(bucket).plus(Duration.ofHours(1));
            if (limit.maxCount() != null) {
                out.add(new Counted(
                        new Increment("velocity:" + scope + ":" + id + ":count:" + start, 1, limit.maxCount(), expires),
                        field, scope + "-velocity-count",
                        "would take this " + scope + " past " + limit.maxCount() + " payouts in 24 hours"));
            }
            if (limit.maxAmount() != null) {
                out.add(new Counted(
                        new Increment("velocity:" + scope + ":" + id + ":amount:" + start, PayoutLimits.cents(amount),
                                PayoutLimits.cents(limit.maxAmount()), expires),
                        field, scope + "-velocity-amount",
                        "would take this " + scope + " past " + limit.maxAmount() + " in 24 hours"));
            }
        }
    }
}
