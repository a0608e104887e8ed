package com.acme.payouts.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.payouts.funding.FundingBalance;
import com.acme.payouts.funding.LedgerEntry;
import com.acme.payouts.funding.ReservationState;
import com.acme.payouts.funding.ReserveResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FundingStore} must do (ADR 0006): the embedded (H2) and DynamoDB adapters both
 * run this suite. The money rules are checked on the balance after each step.
 */
public abstract class FundingStoreContract {

    protected abstract FundingStore store();

    protected static final Instant T0 = Instant.parse("2026-11-25T01:00:00Z");

    private static BigDecimal aud(String amount) {
        return new BigDecimal(amount);
    }

    private FundingBalance balance() {
        return store().balance().orElseThrow();
    }

    private static String payout() {
        return "po_" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }

    private static LedgerEntry credit(String transactionId, String amount, LocalDate day) {
        return new LedgerEntry(LedgerEntry.creditId(transactionId), LedgerEntry.Kind.CREDIT, "NPP", transactionId, aud(amount),
                null, "settlement", day, day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plusSeconds(3600), T0, null);
    }

    @Test
    void the_balance_is_created_once_with_its_opening_amount() {
        assertThat(store().balance()).isEmpty();
        assertThat(store().initialise(aud("100.00"), T0)).isTrue();
        assertThat(store().initialise(aud("999.00"), T0)).isFalse();
        FundingBalance b = balance();
        assertThat(b.available()).isEqualByComparingTo("100.00");
        assertThat(b.reserved()).isEqualByComparingTo("0");
        assertThat(b.shortfall()).isEqualByComparingTo("0");
    }

    @Test
    void nothing_is_reserved_before_the_balance_exists() {
        ReserveResult r = store().reserve(payout(), aud("1.00"), T0);
        assertThat(r.outcome()).isEqualTo(ReserveResult.Outcome.UNINITIALISED);
    }

    @Test
    void a_reservation_takes_from_available_and_counts_as_reserved_once_per_payout() {
        store().initialise(aud("100.00"), T0);
        String p = payout();
        ReserveResult first = store().reserve(p, aud("30.00"), T0);
        assertThat(first.outcome()).isEqualTo(ReserveResult.Outcome.RESERVED);
        assertThat(first.available()).isEqualByComparingTo("70.00");
        ReserveResult again = store().reserve(p, aud("30.00"), T0);
        assertThat(again.outcome()).isEqualTo(ReserveResult.Outcome.ALREADY_RESERVED);
        assertThat(again.existing().state()).isEqualTo(ReservationState.HELD);
        assertThat(balance().available()).isEqualByComparingTo("70.00");
        assertThat(balance().reserved()).isEqualByComparingTo("30.00");
        assertThat(store().reservation(p).orElseThrow().amount()).isEqualByComparingTo("30.00");
    }

    @Test
    void an_amount_the_balance_does_not_cover_is_refused_and_changes_nothing() {
        store().initialise(aud("50.00"), T0);
        long version = balance().version();
        String p = payout();
        ReserveResult r = store().reserve(p, aud("50.01"), T0);
        assertThat(r.outcome()).isEqualTo(ReserveResult.Outcome.INSUFFICIENT);
        assertThat(r.available()).isEqualByComparingTo("50.00");
        assertThat(store().reservation(p)).isEmpty();
        assertThat(balance().available()).isEqualByComparingTo("50.00");
        assertThat(balance().version()).isEqualTo(version);
        assertThat(store().reserve(p, aud("50.00"), T0).outcome()).isEqualTo(ReserveResult.Outcome.RESERVED);
        assertThat(balance().available()).isEqualByComparingTo("0.00");
    }

    @Test
    void completion_spends_failure_gives_back_and_a_return_gives_back_after_spending() {
        store().initialise(aud("100.00"), T0);
        String completed = payout();
        String failed = payout();
        store().reserve(completed, aud("10.00"), T0);
        store().reserve(failed, aud("20.00"), T0);

        assertThat(store().settle(completed, ReservationState.HELD, ReservationState.SPENT, T0)).isTrue();
        assertThat(store().settle(failed, ReservationState.HELD, ReservationState.RELEASED, T0)).isTrue();
        assertThat(balance().available()).isEqualByComparingTo("90.00");
        assertThat(balance().reserved()).isEqualByComparingTo("0.00");

        // the same step twice, or from the wrong state, changes nothing
        assertThat(store().settle(completed, ReservationState.HELD, ReservationState.SPENT, T0)).isFalse();
        assertThat(store().settle(failed, ReservationState.HELD, ReservationState.RELEASED, T0)).isFalse();
        assertThat(store().settle(payout(), ReservationState.HELD, ReservationState.SPENT, T0)).isFalse();
        assertThat(balance().available()).isEqualByComparingTo("90.00");

        assertThat(store().settle(completed, ReservationState.SPENT, ReservationState.RETURNED, T0)).isTrue();
        assertThat(store().settle(completed, ReservationState.SPENT, ReservationState.RETURNED, T0)).isFalse();
        assertThat(balance().available()).isEqualByComparingTo("100.00");
        assertThat(store().reservation(completed).orElseThrow().state()).isEqualTo(ReservationState.RETURNED);
    }

    @Test
    void a_released_reservation_can_be_taken_again_if_the_balance_covers_it() {
        store().initialise(aud("25.00"), T0);
        String p = payout();
        store().reserve(p, aud("20.00"), T0);
        store().settle(p, ReservationState.HELD, ReservationState.RELEASED, T0);
        store().reserve(payout(), aud("10.00"), T0);
        assertThat(store().reserve(p, aud("20.00"), T0).outcome()).isEqualTo(ReserveResult.Outcome.INSUFFICIENT);
        assertThat(store().reservation(p).orElseThrow().state()).isEqualTo(ReservationState.RELEASED);
        store().record(credit("N0001", "5.00", LocalDate.of(2026, 11, 25)));
        assertThat(store().reserve(p, aud("20.00"), T0).outcome()).isEqualTo(ReserveResult.Outcome.RESERVED);
        assertThat(store().reservation(p).orElseThrow().state()).isEqualTo(ReservationState.HELD);
        assertThat(balance().available()).isEqualByComparingTo("0.00");
        assertThat(balance().reserved()).isEqualByComparingTo("30.00");
    }

    @Test
    void a_credit_is_counted_once_per_monoova_transaction() {
        store().initialise(aud("0.00"), T0);
        LocalDate day = LocalDate.of(2026, 11, 25);
        assertThat(store().record(credit("D00100537784", "1000.55", day))).isTrue();
        assertThat(store().record(credit("D00100537784", "1000.55", day))).isFalse();
        assertThat(balance().available()).isEqualByComparingTo("1000.55");
        LedgerEntry read = store().entry(LedgerEntry.creditId("D00100537784")).orElseThrow();
        assertThat(read.amount()).isEqualByComparingTo("1000.55");
        assertThat(read.monoovaTransactionId()).isEqualTo("D00100537784");
        assertThat(read.day()).isEqualTo(day);
    }

    @Test
    void a_rejected_credit_is_recorded_without_moving_the_balance() {
        store().initialise(aud("10.00"), T0);
        LocalDate day = LocalDate.of(2026, 11, 25);
        LedgerEntry rejected = new LedgerEntry(LedgerEntry.rejectedId("2650"), LedgerEntry.Kind.REJECTED_CREDIT, "DE", null,
                aud("1000.12"), "436206", null, day, T0, T0, "Non Whitelisted Source Account");
        assertThat(store().record(rejected)).isTrue();
        assertThat(store().record(rejected)).isFalse();
        assertThat(balance().available()).isEqualByComparingTo("10.00");
        assertThat(store().entry(rejected.id()).orElseThrow().detail()).isEqualTo("Non Whitelisted Source Account");
    }

    @Test
    void entries_are_listed_by_sydney_day() {
        store().initialise(aud("0.00"), T0);
        store().record(credit("N1", "1.00", LocalDate.of(2026, 11, 24)));
        store().record(credit("N2", "2.00", LocalDate.of(2026, 11, 25)));
        store().record(credit("N3", "3.00", LocalDate.of(2026, 11, 26)));
        assertThat(store().entries(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 26)))
                .extracting(LedgerEntry::monoovaTransactionId)
                .containsExactly("N2", "N3");
    }

    @Test
    void an_adjustment_is_compare_and_set_on_the_balance_version_and_audited() {
        store().initialise(aud("100.00"), T0);
        long version = balance().version();
        LedgerEntry lower = new LedgerEntry("adjust:" + UUID.randomUUID(), LedgerEntry.Kind.ADJUSTMENT, "monoova-check", null,
                aud("-12.50"), null, null, LocalDate.of(2026, 11, 25), T0, T0, "Monoova shows less");
        store().adjust(lower, aud("12.50"), version);
        assertThat(balance().available()).isEqualByComparingTo("87.50");
        assertThat(balance().shortfall()).isEqualByComparingTo("12.50");
        assertThat(store().entry(lower.id())).isPresent();

        LedgerEntry stale = new LedgerEntry("adjust:" + UUID.randomUUID(), LedgerEntry.Kind.ADJUSTMENT, "monoova-check", null,
                aud("5.00"), null, null, LocalDate.of(2026, 11, 25), T0, T0, "late");
        assertThatThrownBy(() -> store().adjust(stale, aud("-5.00"), version)).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(store().entry(stale.id())).isEmpty();
        assertThat(balance().available()).isEqualByComparingTo("87.50");
    }

    @Test
    void monoovas_last_reading_is_remembered_without_changing_amounts() {
        store().initialise(aud("100.00"), T0);
        long version = balance().version();
        store().observeMonoova(new BigDecimal("1234.5678"), T0.plusSeconds(5));
        assertThat(balance().monoovaAvailable()).isEqualByComparingTo("1234.5678");
        assertThat(balance().monoovaCheckedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(balance().available()).isEqualByComparingTo("100.00");
        assertThat(balance().version()).isEqualTo(version);
    }

    @Test
    void reservations_are_listed_by_state_oldest_first() {
        store().initialise(aud("100.00"), T0);
        String a = payout();
        String b = payout();
        store().reserve(a, aud("1.00"), T0);
        store().reserve(b, aud("1.00"), T0.plusSeconds(1));
        store().settle(b, ReservationState.HELD, ReservationState.SPENT, T0.plusSeconds(2));
        assertThat(store().reservations(ReservationState.HELD, 10)).extracting(r -> r.payoutId()).containsExactly(a);
        assertThat(store().reservations(ReservationState.SPENT, 10)).extracting(r -> r.payoutId()).containsExactly(b);
    }

    /** Two workers must never both spend the last dollars: of many concurrent reservations, only those that fit win. */
    @Test
    void concurrent_reservations_never_overdraw() throws Exception {
        store().initialise(aud("50.00"), T0);
        int workers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ReserveResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                String p = payout();
                results.add(pool.submit(() -> {
                    start.await();
                    for (int attempt = 0; ; attempt++) {
                        try {
                            return store().reserve(p, aud("10.00"), T0);
                        } catch (ConcurrentUpdateException conflict) {
                            if (attempt > 20) {
                                throw conflict;
                            }
                        }
                    }
                }));
            }
            start.countDown();
            int reserved = 0;
            for (Future<ReserveResult> f : results) {
                if (f.get(60, TimeUnit.SECONDS).outcome() == ReserveResult.Outcome.RESERVED) {
                    reserved++;
                }
            }
            assertThat(reserved).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(balance().available()).isEqualByComparingTo("0.00");
        assertThat(balance().reserved()).isEqualByComparingTo("50.00");
        assertThat(store().reservations(ReservationState.HELD, 100)).hasSize(5);
    }
}
