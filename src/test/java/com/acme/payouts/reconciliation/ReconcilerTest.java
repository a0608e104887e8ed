package com.acme.payouts.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.funding.LedgerEntry;
import com.acme.payouts.payout.Money;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutEvent;
import com.acme.payouts.payout.PayoutIds;
import com.acme.payouts.payout.PayoutMethod;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ADR 0007: a clean period has no break, and each kind of difference is named as its type. */
class ReconcilerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T23:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofHours(2));
    private final Reconciler reconciler = new Reconciler(Duration.ofMinutes(30), Duration.ofMinutes(5));

    private final Map<String, Payout> payouts = new HashMap<>();
    private final Map<String, LedgerEntry> ledger = new HashMap<>();
    private final List<Reconciler.MonoovaStatus> statuses = new ArrayList<>();
    private final List<Reconciler.StatementItem> statement = new ArrayList<>();
    private final List<ReceivablesCsv.Row> receivables = new ArrayList<>();
    private BigDecimal low = new BigDecimal("1000.00");
    private BigDecimal high = new BigDecimal("1000.00");
    private BigDecimal monoova = new BigDecimal("1000.00");
    private BigDecimal shortfall = BigDecimal.ZERO;

    private Payout payout(String amount, PayoutEvent... events) {
        Payout p = Payout.received(PayoutIds.fromIdempotencyKey(UUID.randomUUID().toString()), "k", "fp", "api", "c-1",
                "pe_aaaaaaaaaaaaaaaaaaaaaaaaaa", "***", Money.aud(amount), PayoutMethod.NPP, null, T0);
        p = p.apply(PayoutEvent.SUBMIT_STARTED, T0.plusSeconds(1), "claimed");
        for (PayoutEvent e : events) {
            p = p.apply(e, T0.plusSeconds(2), "test");
        }
        payouts.put(p.id(), p);
        return p;
    }

    /** Monoova's side as it would be for a payout that completed as we think it did. */
    private void monoovaCompleted(Payout p) {
        statuses.add(new Reconciler.MonoovaStatus(p.monoovaReference(), "Complete", "2026-11-25", null));
        statement.add(new Reconciler.StatementItem(p.monoovaReference(), 1000001L, p.amount().amount(), "OK"));
    }

    private void credit(String transactionId, String ours, String monoovas) {
        if (ours != null) {
            ledger.put(LedgerEntry.creditId(transactionId), new LedgerEntry(LedgerEntry.creditId(transactionId),
                    LedgerEntry.Kind.CREDIT, "NPP", transactionId, new BigDecimal(ours), null, null, LocalDate.of(2026, 11, 25), T0,
                    T0, null));
        }
        if (monoovas != null) {
            receivables.add(new ReceivablesCsv.Row(transactionId, null, "NPP", new BigDecimal(monoovas), T0));
        }
    }

    private List<Break> compare() {
        Reconciler.Ours ours = new Reconciler.Ours(List.copyOf(payouts.values()), id -> Optional.ofNullable(payouts.get(id)),
                List.copyOf(ledger.values()), id -> Optional.ofNullable(ledger.get(id)), low, high, shortfall);
        return reconciler.compare(ours, new Reconciler.Theirs(statuses, statement, receivables, monoova), NOW);
    }

    private void cleanDay() {
        monoovaCompleted(payout("10.00", PayoutEvent.MONOOVA_ACCEPTED, PayoutEvent.PAYMENT_COMPLETED));
        monoovaCompleted(payout("20.00", PayoutEvent.PAYMENT_COMPLETED));
        Payout rejected = payout("5.00", PayoutEvent.MONOOVA_ACCEPTED, PayoutEvent.PAYMENT_REJECTED);
        statuses.add(new Reconciler.MonoovaStatus(rejected.monoovaReference(), "Rejected", "2026-11-25", null));
        payout("7.00", PayoutEvent.PAYMENT_REJECTED); // refused at execute: Monoova has no transaction
        Payout pending = payout("3.00", PayoutEvent.MONOOVA_ACCEPTED);
        statuses.add(new Reconciler.MonoovaStatus(pending.monoovaReference(), "Pending", null, null));
        credit("D00100000001", "500.00", "500.00");
        credit("N00100000001", "0.10", "0.10");
    }

    @Test
    void a_clean_period_has_zero_breaks() {
        cleanDay();
        assertThat(compare()).isEmpty();
    }

    @Test
    void each_difference_is_reported_with_its_type() {
        cleanDay();
        // missing webhook: Monoova completed it, we still wait; and a credit whose webhook never came
        Payout waiting = payout("11.00", PayoutEvent.MONOOVA_ACCEPTED);
        monoovaCompleted(waiting);
        credit("N00100000002", null, "250.00");
        // orphan: a transaction on our mAccount that is not ours
        statuses.add(new Reconciler.MonoovaStatus("someone-elses-ref", "Complete", "2026-11-25", null));
        // amount mismatch: the statement and the ledger disagree with us
        Payout differs = payout("12.00", PayoutEvent.PAYMENT_COMPLETED);
        statuses.add(new Reconciler.MonoovaStatus(differs.monoovaReference(), "Complete", "2026-11-25", null));
        statement.add(new Reconciler.StatementItem(differs.monoovaReference(), 1L, new BigDecimal("21.00"), "OK"));
        credit("D00100000002", "99.00", "90.00");
        // late return: paid in Monoova's statement, returned since
        Payout returned = payout("13.00", PayoutEvent.PAYMENT_COMPLETED, PayoutEvent.PAYMENT_RETURNED);
        monoovaCompleted(returned);
        // stuck unknown
        payout("14.00", PayoutEvent.OUTCOME_UNKNOWN);
        // unknown to Monoova: we think it completed; Monoova never heard of it. And a credit only we have.
        payout("15.00", PayoutEvent.PAYMENT_COMPLETED);
        credit("N00100000003", "1.00", null);
        // unexplained balance difference
        monoova = new BigDecimal("1234.56");

        List<Break> breaks = compare();

        assertThat(breaks).extracting(Break::type).containsExactlyInAnyOrder(
                BreakType.MISSING_WEBHOOK, BreakType.MISSING_WEBHOOK,
                BreakType.ORPHAN_MONOOVA_TRANSACTION,
                BreakType.AMOUNT_MISMATCH, BreakType.AMOUNT_MISMATCH,
                BreakType.LATE_RETURN,
                BreakType.STUCK_UNKNOWN,
                BreakType.UNKNOWN_TO_MONOOVA, BreakType.UNKNOWN_TO_MONOOVA,
                BreakType.UNEXPLAINED_BALANCE_DIFFERENCE);
        assertThat(breaks).filteredOn(b -> b.type() == BreakType.MISSING_WEBHOOK).extracting(Break::reference)
                .containsExactlyInAnyOrder(waiting.monoovaReference(), "N00100000002");
        assertThat(breaks).filteredOn(b -> b.type() == BreakType.AMOUNT_MISMATCH)
                .extracting(b -> b.ourAmount() + "/" + b.monoovaAmount())
                .containsExactlyInAnyOrder("12.00/21.00", "99.00/90.00");
        assertThat(breaks).filteredOn(b -> b.type() == BreakType.UNEXPLAINED_BALANCE_DIFFERENCE).first()
                .extracting(Break::monoovaAmount).isEqualTo("1234.56");
    }

    @Test
    void a_difference_younger_than_the_grace_is_not_a_break_yet() {
        Payout justCompletedAtMonoova = payout("11.00");
        payouts.put(justCompletedAtMonoova.id(), justCompletedAtMonoova.apply(PayoutEvent.OUTCOME_UNKNOWN, NOW.minusSeconds(10), "x"));
        statuses.add(new Reconciler.MonoovaStatus(justCompletedAtMonoova.monoovaReference(), "Complete", null, null));
        receivables.add(new ReceivablesCsv.Row("N00100000009", null, "NPP", BigDecimal.ONE, NOW.minusSeconds(10)));
        assertThat(compare()).isEmpty();
    }

    @Test
    void money_inside_the_in_flight_range_is_explained_and_a_shortfall_is_not() {
        low = new BigDecimal("900.00");
        high = new BigDecimal("1100.00");
        monoova = new BigDecimal("950.00");
        assertThat(compare()).isEmpty();
        shortfall = new BigDecimal("5.00");
        assertThat(compare()).extracting(Break::type).containsExactly(BreakType.UNEXPLAINED_BALANCE_DIFFERENCE);
    }
}
