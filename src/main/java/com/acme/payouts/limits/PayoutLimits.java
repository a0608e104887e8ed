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

    public PayoutLimits(
            LimitCounterStore counters,
            Clock clock,
            Money perRequest,
            Money dailyPerCredential,
            Money dailyPerCustomer,
            Map<String, CustomerLimits> customers) {
        this.counters = counters;
        this.clock = clock;
        this.perRequest = perRequest;
        this.dailyPerCredential = dailyPerCredential;
        this.dailyPerCustomer = dailyPerCustomer;
        this.customers = Map.copyOf(customers);
    }

    @Override
    public Reservation reserve(Requester requester, String customerId, Money amount) {
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
        List<Increment> increments = List.of(byCredential, byCustomer);
        if (counters.tryAdd(increments)) {
            return new Counted(increments);
        }
        if (counters.total(byCredential.counterId()) + byCredential.cents() > byCredential.limitCents()) {
            throw new LimitExceededException("daily-limit",
                    "would take this credential past its daily limit of " + credentialDaily + " (Australia/Sydney day)");
        }
        throw new LimitExceededException("customer-daily-limit",
                "would take this customer past its daily limit of " + customerDaily + " (Australia/Sydney day)");
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
