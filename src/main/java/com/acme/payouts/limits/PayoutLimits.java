package com.acme.payouts.limits;

import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.Requester;
import com.acme.payouts.payout.SpendingLimits;
import com.acme.payouts.store.LimitCounterStore;
import com.acme.payouts.store.LimitCounterStore.Increment;
import com.acme.payouts.support.LimitExceededException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-request and per-day limits, per credential and per customer. Days are Australia/Sydney
 * calendar days (the business day of the people and banks involved). Daily totals are counted in a
 * shared store with conditional increments, so instances can't overshoot a limit together; a payout
 * counts from the moment it is accepted (also if it later fails or is rejected: conservative).
 */
public class PayoutLimits implements SpendingLimits {

    public static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    /** Per-customer overrides; null fields mean the default. */
    public record CustomerLimits(Money perRequest, Money daily) {}

    private record Counted(List<Increment> increments) implements Reservation {}

    private final LimitCounterStore counters;
    private final Clock clock;
    private final Money perRequest;
    private final Money dailyPerCredential;
    private final Money dailyPerCustomer;
    private final Map<String, CustomerLimits> customers;
    private final VelocityLimits velocity;

    public PayoutLimits(
            LimitCounterStore counters,
            Clock clock,
            Money perRequest,
            Money dailyPerCredential,
            Money dailyPerCustomer,
            Map<String, CustomerLimits> customers) {
        this(counters, clock, perRequest, dailyPerCredential, dailyPerCustomer, customers, VelocityLimits.none());
    }

    /** @param velocity rolling 24-hour limits per payee and per customer, counted with the daily ones */
    public PayoutLimits(
            LimitCounterStore counters,
            Clock clock,
            Money perRequest,
            Money dailyPerCredential,
            Money dailyPerCustomer,
            Map<String, CustomerLimits> customers,
            VelocityLimits velocity) {
        this.counters = counters;
        this.clock = clock;
        this.perRequest = perRequest;
        this.dailyPerCredential = dailyPerCredential;
        this.dailyPerCustomer = dailyPerCustomer;
        this.customers = Map.copyOf(customers);
        this.velocity = velocity;
        int counted = 2 + velocity.maxCounters();
        if (counted > MAX_COUNTERS_PER_WRITE) {
            throw new IllegalArgumentException("limits take " + counted + " counters per payout, more than one"
                    + " all-or-nothing write may hold (" + MAX_COUNTERS_PER_WRITE + "): choose a longer velocity bucket");
        }
    }

    /** DynamoDB's TransactWriteItems holds at most 100 items. */
    static final int MAX_COUNTERS_PER_WRITE = 100;

    @Override
    public Reservation reserve(Requester requester, String customerId, Money amount) {
        return reserve(requester, customerId, null, amount);
    }

    @Override
    public Reservation reserve(Requester requester, String customerId, String payeeId, Money amount) {
        CustomerLimits customer = customers.getOrDefault(customerId, new CustomerLimits(null, null));
        Money credentialMax = requester.perRequestLimit() != null ? requester.perRequestLimit() : perRequest;
        if (amount.compareTo(credentialMax) > 0) {
            throw new LimitExceededException("per-request-limit",
                    "is above this credential's per-request limit of " + credentialMax);
        }
        if (customer.perRequest() != null && amount.compareTo(customer.perRequest()) > 0) {
            throw new LimitExceededException("customer-per-request-limit",
                    "is above this customer's per-request limit of " + customer.perRequest());
        }
        LocalDate day = LocalDate.now(clock.withZone(SYDNEY));
        var expires = day.plusDays(2).atStartOfDay(SYDNEY).toInstant();
        Money credentialDaily = requester.dailyLimit() != null ? requester.dailyLimit() : dailyPerCredential;
        Money customerDaily = customer.daily() != null ? customer.daily() : dailyPerCustomer;
        Increment byCredential = new Increment(
                "credential:" + requester.actor().id() + ":" + day, cents(amount), cents(credentialDaily), expires);
        Increment byCustomer = new Increment("customer:" + customerId + ":" + day, cents(amount), cents(customerDaily), expires);
        List<VelocityLimits.Counted> rolling = velocity.increments(customerId, payeeId, amount, clock.instant());
        List<Increment> increments = new ArrayList<>(List.of(byCredential, byCustomer));
        rolling.forEach(c -> increments.add(c.increment()));
        // One all-or-nothing write: daily and rolling limits pass together or the payout is refused.
        if (counters.tryAdd(increments)) {
            return new Counted(List.copyOf(increments));
        }
        if (exceeded(byCredential)) {
            throw new LimitExceededException("daily-limit",
                    "would take this credential past its daily limit of " + credentialDaily + " (Australia/Sydney day)");
        }
        if (exceeded(byCustomer)) {
            throw new LimitExceededException("customer-daily-limit",
                    "would take this customer past its daily limit of " + customerDaily + " (Australia/Sydney day)");
        }
        for (VelocityLimits.Counted c : rolling) {
            if (exceeded(c.increment())) {
                throw new LimitExceededException(c.field(), c.limit(), c.message());
            }
        }
        // Some counter was full a moment ago and is not now (a concurrent reservation was handed back):
        // still refused, never queued; the caller may try again.
        throw new LimitExceededException("concurrent-limit", "a limit was reached by concurrent payouts; try again");
    }

    private boolean exceeded(Increment i) {
        return counters.total(i.counterId()) + i.cents() > i.limitCents();
    }

    @Override
    public void release(Reservation reservation) {
        if (reservation instanceof Counted counted) {
            counters.subtract(counted.increments());
        }
    }

    static long cents(Money money) {
        return money.amount().movePointRight(2).longValueExact();
    }
}
