package com.acme.payouts.funding;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.NewPayout;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutMethod;
import com.acme.payouts.payout.PayoutService;
import com.acme.payouts.payout.PayoutStatus;
import com.acme.payouts.store.FundingStore;
import com.acme.payouts.store.embedded.EmbeddedFundingStore;
import com.acme.payouts.store.embedded.EmbeddedPayoutStore;
import com.acme.payouts.support.MutableClock;
import com.acme.payouts.support.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The balance model of ADR 0006 on the real embedded stores. */
class FundingServiceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T01:00:00Z"));
    private FundingStore store;
    private EmbeddedPayoutStore payoutStore;
    private PayoutService payouts;
    private FundingService funding;

    @BeforeEach
    void setUp() {
        var jdbc = TestDatabase.fresh();
        payoutStore = new EmbeddedPayoutStore(jdbc);
        store = new EmbeddedFundingStore(jdbc);
        payouts = new PayoutService(payoutStore, clock);
        funding = new FundingService(store, payouts, payoutStore, clock);
        payouts.onChange(funding);
    }

    private Payout received(String amount) {
        clock.advance(Duration.ofMillis(10));
        return payouts.create(new NewPayout("key-" + UUID.randomUUID(), "api", "c-1", "pe_aaaaaaaaaaaaaaaaaaaaaaaaaa",
                        "***", Money.aud(amount), PayoutMethod.NPP, null))
                .payout();
    }

    private PayoutStatus status(Payout p) {
        return payouts.find(p.id()).orElseThrow().status();
    }

    private BigDecimal available() {
        return store.balance().orElseThrow().available();
    }

    private BigDecimal reserved() {
        return store.balance().orElseThrow().reserved();
    }

    private LedgerEntry credit(String id, String amount) {
        Instant now = clock.instant();
        return new LedgerEntry(LedgerEntry.creditId(id), LedgerEntry.Kind.CREDIT, "NPP", id, new BigDecimal(amount), null, null,
                LocalDate.of(2026, 11, 25), now, now, null);
    }

    /** Claims, as payout-submit does after admit, and drives the payout to {@code event}'s state. */
    private void sendAnd(Payout p, PayoutEvent... events) {
        payouts.claimForSubmission(p.id());
        for (PayoutEvent e : events) {
            payouts.apply(p.id(), e, "test");
        }
    }

    @Test
    void nothing_is_admitted_before_the_balance_was_read_from_monoova() {
        Payout p = received("10.00");
        assertThat(funding.admit(p.id())).isEqualTo(FundingService.Admission.HELD_FOR_FUNDS);
        assertThat(status(p)).isEqualTo(PayoutStatus.AWAITING_FUNDS);
        assertThat(payouts.find(p.id()).orElseThrow().history().get(1).detail()).contains("not been read from Monoova");
    }

    @Test
    void a_covered_payout_is_reserved_once_and_one_that_would_overdraw_waits_unreserved() {
        funding.initialise(new BigDecimal("100.00"));
        Payout covered = received("60.00");
        Payout tooBig = received("60.00");

        assertThat(funding.admit(covered.id())).isEqualTo(FundingService.Admission.PROCEED);
        assertThat(funding.admit(covered.id())).as("a duplicate message").isEqualTo(FundingService.Admission.PROCEED);
        assertThat(funding.admit(tooBig.id())).isEqualTo(FundingService.Admission.HELD_FOR_FUNDS);

        assertThat(available()).isEqualByComparingTo("40.00");
        assertThat(reserved()).isEqualByComparingTo("60.00");
        assertThat(status(tooBig)).isEqualTo(PayoutStatus.AWAITING_FUNDS);
        assertThat(store.reservation(tooBig.id())).isEmpty();
        assertThat(payouts.find(tooBig.id()).orElseThrow().history().get(1).detail())
                .isEqualTo("waiting for funds: needs 60.00, available 40.00");
    }

    @Test
    void final_outcomes_flow_back_into_the_balance() {
        funding.initialise(new BigDecimal("100.00"));
        Payout completed = received("10.00");
        Payout failed = received("20.00");
        Payout returned = received("30.00");
        for (Payout p : new Payout[] {completed, failed, returned}) {
            funding.admit(p.id());
        }
        assertThat(available()).isEqualByComparingTo("40.00");

        sendAnd(completed, PayoutEvent.MONOOVA_ACCEPTED, PayoutEvent.PAYMENT_COMPLETED);
        sendAnd(failed, PayoutEvent.MONOOVA_ACCEPTED, PayoutEvent.PAYMENT_REJECTED);
        sendAnd(returned, PayoutEvent.MONOOVA_ACCEPTED, PayoutEvent.PAYMENT_COMPLETED, PayoutEvent.PAYMENT_RETURNED);

        assertThat(available()).as("failed and returned money is back").isEqualByComparingTo("90.00");
        assertThat(reserved()).isEqualByComparingTo("0.00");
        assertThat(store.reservation(completed.id()).orElseThrow().state()).isEqualTo(ReservationState.SPENT);
        assertThat(store.reservation(failed.id()).orElseThrow().state()).isEqualTo(ReservationState.RELEASED);
        assertThat(store.reservation(returned.id()).orElseThrow().state()).isEqualTo(ReservationState.RETURNED);
    }

    @Test
    void waiting_payouts_are_released_oldest_first_and_one_that_does_not_fit_is_passed_over() {
        funding.initialise(new BigDecimal("0.00"));
        Payout oldest = received("50.00");
        Payout big = received("500.00");
        Payout newest = received("30.00");
        for (Payout p : new Payout[] {oldest, big, newest}) {
            funding.admit(p.id());
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(funding.releaseWaiting(10)).isEmpty();

        assertThat(funding.recordCredit(credit("N001", "90.00"))).isTrue();
        assertThat(funding.recordCredit(credit("N001", "90.00"))).as("the same credit twice").isFalse();
        assertThat(funding.releaseWaiting(10)).containsExactly(oldest.id(), newest.id());

        assertThat(status(oldest)).isEqualTo(PayoutStatus.RECEIVED);
        assertThat(status(newest)).isEqualTo(PayoutStatus.RECEIVED);
        assertThat(status(big)).isEqualTo(PayoutStatus.AWAITING_FUNDS);
        assertThat(available()).isEqualByComparingTo("10.00");
        assertThat(funding.admit(oldest.id())).as("released with its money already reserved").isEqualTo(FundingService.Admission.PROCEED);
        assertThat(available()).isEqualByComparingTo("10.00");

        FundingService.BalanceView view = funding.view();
        assertThat(view.awaitingFunds()).isEqualByComparingTo("500.00");
        assertThat(view.awaitingFundsCount()).isEqualTo(1);
        assertThat(view.reserved()).isEqualByComparingTo("80.00");
    }

    @Test
    void monoova_refusing_for_lack_of_funds_gives_the_money_back_and_asks_for_a_check() {
        funding.initialise(new BigDecimal("100.00"));
        Payout p = received("70.00");
        funding.admit(p.id());
        payouts.claimForSubmission(p.id());

        payouts.apply(p.id(), PayoutEvent.FUNDS_SHORT, "Monoova refused the transaction for lack of funds (InsufficientFunds)");

        assertThat(status(p)).isEqualTo(PayoutStatus.AWAITING_FUNDS);
        assertThat(available()).isEqualByComparingTo("100.00");
        assertThat(funding.takeCheckRequest()).isTrue();
        assertThat(funding.takeCheckRequest()).isFalse();

        // Not sent again at once (our balance says yes, Monoova said no): after a back-off.
        assertThat(funding.releaseWaiting(10)).isEmpty();
        clock.advance(Duration.ofSeconds(6));
        assertThat(funding.releaseWaiting(10)).containsExactly(p.id());
    }

    @Test
    void the_balance_is_lowered_when_monoova_shows_less_and_given_back_when_it_shows_it_again() {
        funding.initialise(new BigDecimal("100.00"));
        Payout notSent = received("10.00");
        funding.admit(notSent.id());

        // Monoova should show 90 available + 10 reserved for a payout not sent yet = 100.
        FundingService.FundingCheck inRange = funding.check(new BigDecimal("100.00"));
        assertThat(inRange.adjusted()).isEqualByComparingTo("0");

        FundingService.FundingCheck lower = funding.check(new BigDecimal("95.001"));
        assertThat(lower.adjusted()).isEqualByComparingTo("-5.00");
        assertThat(available()).isEqualByComparingTo("85.00");
        assertThat(store.balance().orElseThrow().shortfall()).isEqualByComparingTo("5.00");

        FundingService.FundingCheck back = funding.check(new BigDecimal("120.00"));
        assertThat(back.adjusted()).as("at most the shortfall comes back").isEqualByComparingTo("5.00");
        assertThat(available()).isEqualByComparingTo("90.00");
        assertThat(store.balance().orElseThrow().shortfall()).isEqualByComparingTo("0.00");
        assertThat(store.balance().orElseThrow().monoovaAvailable()).isEqualByComparingTo("120.00");
        assertThat(store.entries(LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 25)))
                .filteredOn(e -> e.kind() == LedgerEntry.Kind.ADJUSTMENT)
                .extracting(LedgerEntry::amount)
                .containsExactlyInAnyOrder(new BigDecimal("-5.00"), new BigDecimal("5.00"));
    }

    @Test
    void a_payout_being_sent_or_unknown_may_or_may_not_be_debited_at_monoova_without_any_adjustment() {
        funding.initialise(new BigDecimal("100.00"));
        Payout sending = received("40.00");
        funding.admit(sending.id());
        payouts.claimForSubmission(sending.id());

        assertThat(funding.check(new BigDecimal("60.00")).adjusted()).as("already debited").isEqualByComparingTo("0");
        assertThat(funding.check(new BigDecimal("100.00")).adjusted()).as("not yet debited").isEqualByComparingTo("0");
        payouts.apply(sending.id(), PayoutEvent.OUTCOME_UNKNOWN, "timeout");
        assertThat(funding.check(new BigDecimal("100.00")).adjusted()).isEqualByComparingTo("0");
        assertThat(available()).isEqualByComparingTo("60.00");
    }

    @Test
    void repair_settles_reservations_whose_payout_changed_without_them() {
        funding.initialise(new BigDecimal("100.00"));
        Payout p = received("25.00");
        funding.admit(p.id());
        PayoutService withoutListener = new PayoutService(payoutStore, clock);
        withoutListener.claimForSubmission(p.id());
        withoutListener.apply(p.id(), PayoutEvent.PAYMENT_REJECTED, "refused");
        assertThat(store.reservation(p.id()).orElseThrow().state()).isEqualTo(ReservationState.HELD);

        assertThat(funding.repair()).isEqualTo(1);
        assertThat(store.reservation(p.id()).orElseThrow().state()).isEqualTo(ReservationState.RELEASED);
        assertThat(available()).isEqualByComparingTo("100.00");
        assertThat(funding.repair()).isZero();
    }
}
