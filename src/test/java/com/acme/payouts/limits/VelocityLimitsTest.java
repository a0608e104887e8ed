package com.acme.payouts.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.acme.payouts.limits.VelocityLimits.Limit;
import com.acme.payouts.payout.Actor;
import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.Requester;
import com.acme.payouts.payout.SpendingLimits;
import com.acme.payouts.store.LimitCounterStore;
import com.acme.payouts.store.embedded.EmbeddedLimitCounterStore;
import com.acme.payouts.support.FieldError;
import com.acme.payouts.support.LimitExceededException;
import com.acme.payouts.support.MutableClock;
import com.acme.payouts.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Velocity limits per payee and per customer over any rolling 24 hours, counted with the daily limits. */
class VelocityLimitsTest {

    private static final Instant T0 = Instant.parse("2026-11-25T03:17:00Z");
    private static final Duration BUCKET = Duration.ofHours(2);
    private static final Requester MAKER = Requester.of(new Actor("key:maker", "maker"));

    private final MutableClock clock = new MutableClock(T0);
    private LimitCounterStore counters;

    @BeforeEach
    void setUp() {
        var jdbc = TestDatabase.fresh();
        counters = new EmbeddedLimitCounterStore(jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(jdbc.getJdbcTemplate().getDataSource())));
    }

    private PayoutLimits limits(Limit perPayee, Limit perCustomer) {
        return new PayoutLimits(counters, clock, Money.aud("1000000.00"), Money.aud("100000000.00"), Money.aud("100000000.00"),
                Map.of(), new VelocityLimits(perPayee, perCustomer, BUCKET));
    }

    private static Limit count(int n) {
        return new Limit(n, null);
    }

    private static Limit amount(String max) {
        return new Limit(null, Money.aud(max));
    }

    private static FieldError refusal(SpendingLimits limits, String customer, String payee, String amount) {
        LimitExceededException e = catchThrowableOfType(
                LimitExceededException.class, () -> limits.reserve(MAKER, customer, payee, Money.aud(amount)));
        assertThat(e).as("refused").isNotNull();
        return e.errors().get(0);
    }

    @Test
    void the_payee_count_allows_exactly_the_limit_and_refuses_the_next_naming_the_payee() {
        PayoutLimits limits = limits(count(3), Limit.NONE);
        for (int i = 0; i < 3; i++) {
            limits.reserve(MAKER, "c-1", "pe_a", Money.aud("1.00"));
        }
        FieldError e = refusal(limits, "c-1", "pe_a", "1.00");
        assertThat(e.field()).isEqualTo("payeeId");
        assertThat(e.code()).isEqualTo("payee-velocity-count");
        assertThat(e.message()).contains("3 payouts in 24 hours");
        // another payee of the same customer is not affected
        limits.reserve(MAKER, "c-1", "pe_b", Money.aud("1.00"));
    }

    @Test
    void the_payee_amount_allows_reaching_the_limit_exactly_but_not_a_cent_more() {
        PayoutLimits limits = limits(amount("100.00"), Limit.NONE);
        limits.reserve(MAKER, "c-1", "pe_a", Money.aud("60.00"));
        limits.reserve(MAKER, "c-1", "pe_a", Money.aud("40.00"));
        FieldError e = refusal(limits, "c-1", "pe_a", "0.01");
        assertThat(e.code()).isEqualTo("payee-velocity-amount");
        assertThat(refusal(limits(amount("100.00"), Limit.NONE), "c-1", "pe_new", "100.01").code())
                .as("a single payout above the limit").isEqualTo("payee-velocity-amount");
    }

    @Test
    void the_customer_limits_count_across_all_its_payees() {
        PayoutLimits byCount = limits(Limit.NONE, count(2));
        byCount.reserve(MAKER, "c-1", "pe_a", Money.aud("1.00"));
        byCount.reserve(MAKER, "c-1", "pe_b", Money.aud("1.00"));
        FieldError e = refusal(byCount, "c-1", "pe_c", "1.00");
        assertThat(e.code()).isEqualTo("customer-velocity-count");
        assertThat(e.field()).isEqualTo("amount");
        byCount.reserve(MAKER, "c-2", "pe_d", Money.aud("1.00"));

        PayoutLimits byAmount = limits(Limit.NONE, amount("50.00"));
        byAmount.reserve(MAKER, "c-3", "pe_a", Money.aud("30.00"));
        assertThat(refusal(byAmount, "c-3", "pe_b", "20.01").code()).isEqualTo("customer-velocity-amount");
        byAmount.reserve(MAKER, "c-3", "pe_b", Money.aud("20.00"));
    }

    @Test
    void a_refused_payout_counts_against_nothing() {
        PayoutLimits limits = limits(count(5), count(2));
        limits.reserve(MAKER, "c-1", "pe_a", Money.aud("1.00"));
        limits.reserve(MAKER, "c-1", "pe_b", Money.aud("1.00"));
        for (int i = 0; i < 4; i++) {
            assertThat(refusal(limits, "c-1", "pe_a", "1.00").code()).isEqualTo("customer-velocity-count");
        }
        // only the one accepted payout counts for pe_a: four more fit under its own limit of 5
        PayoutLimits payeeOnly = new PayoutLimits(counters, clock, Money.aud("1000000.00"), Money.aud("100000000.00"),
                Money.aud("100000000.00"), Map.of(), new VelocityLimits(count(5), Limit.NONE, BUCKET));
        for (int i = 0; i < 4; i++) {
            payeeOnly.reserve(MAKER, "c-1", "pe_a", Money.aud("1.00"));
        }
        assertThat(refusal(payeeOnly, "c-1", "pe_a", "1.00").code()).isEqualTo("payee-velocity-count");
    }

    @Test
    void a_released_reservation_frees_its_room() {
        PayoutLimits limits = limits(count(1), Limit.NONE);
        SpendingLimits.Reservation r = limits.reserve(MAKER, "c-1", "pe_a", Money.aud("1.00"));
        refusal(limits, "c-1", "pe_a", "1.00");
        limits.release(r);
        limits.reserve(MAKER, "c-1", "pe_a", Money.aud("1.00"));
    }

    @Test
    void a_payout_stops_counting_after_24_hours_plus_at_most_one_bucket() {
        PayoutLimits limits = limits(count(1), Limit.NONE);
        limits.reserve(MAKER, "c-1", "pe_a", Money.aud("1.00"));
        clock.advance(Duration.ofHours(24).minusMillis(1));
        assertThat(refusal(limits, "c-1", "pe_a", "1.00").code()).as("still within 24 h").isEqualTo("payee-velocity-count");
        clock.advance(BUCKET.plusMillis(1));
        limits.reserve(MAKER, "c-1", "pe_a", Money.aud("1.00"));
    }

    /** Payouts at random times: no 24 hours, wherever they start, ever hold more than the limits. */
    @Test
    void no_rolling_24_hours_ever_hold_more_than_the_limits() {
        PayoutLimits limits = limits(new Limit(4, Money.aud("250.00")), Limit.NONE);
        Random random = new Random(42);
        record Paid(Instant at, long cents) {}
        List<Paid> paid = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            clock.advance(Duration.ofMinutes(random.nextInt(240)));
            long cents = 100 + random.nextInt(9900);
            try {
                limits.reserve(MAKER, "c-1", "pe_a", Money.aud(java.math.BigDecimal.valueOf(cents, 2).toPlainString()));
                paid.add(new Paid(clock.instant(), cents));
            } catch (LimitExceededException refused) {
                // expected often
            }
        }
        assertThat(paid.size()).as("the limits let a fair share through").isGreaterThan(40);
        for (Paid first : paid) {
            Instant end = first.at().plus(Duration.ofHours(24));
            List<Paid> window = paid.stream().filter(p -> !p.at().isBefore(first.at()) && p.at().isBefore(end)).toList();
            assertThat(window.size()).isLessThanOrEqualTo(4);
            assertThat(window.stream().mapToLong(Paid::cents).sum()).isLessThanOrEqualTo(25_000);
        }
    }

    @Test
    void two_instances_reserving_at_once_never_pass_the_limit_together() throws Exception {
        PayoutLimits a = limits(count(10), Limit.NONE);
        PayoutLimits b = limits(count(10), Limit.NONE);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                PayoutLimits instance = i % 2 == 0 ? a : b;
                tries.add(pool.submit(() -> {
                    start.await();
                    try {
                        instance.reserve(MAKER, "c-1", "pe_a", Money.aud("1.00"));
                        return true;
                    } catch (LimitExceededException refused) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int passed = 0;
            for (Future<Boolean> f : tries) {
                passed += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(passed).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_bucket_must_divide_a_day_and_fit_one_all_or_nothing_write() {
        assertThatThrownBy(() -> new VelocityLimits(count(1), Limit.NONE, Duration.ofMinutes(7)))
                .isInstanceOf(IllegalArgumentException.class);
        VelocityLimits tooFine = new VelocityLimits(new Limit(1, Money.aud("1.00")), new Limit(1, Money.aud("1.00")),
                Duration.ofMinutes(30));
        assertThatThrownBy(() -> new PayoutLimits(counters, clock, Money.aud("1.00"), Money.aud("1.00"), Money.aud("1.00"),
                        Map.of(), tooFine))
                .hasMessageContaining("longer velocity bucket");
        assertThat(new VelocityLimits(count(1), Limit.NONE, BUCKET).windowsPerLimit()).isEqualTo(13);
    }
}
