package com.acme.payouts.reconciliation;

import com.acme.payouts.funding.LedgerEntry;
import com.acme.payouts.payout.Payout;
import com.acme.payouts.payout.PayoutIds;
import com.acme.payouts.payout.PayoutStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Compares our books with Monoova's for a period and names every difference (ADR 0007). A pure
 * function of its inputs: the collection of both sides is {@link ReconciliationService}'s job.
 */
public final class Reconciler {

    /** One entry of {@code /financial/v2/status/{startDate}/{endDate}}. */
    public record MonoovaStatus(String reference, String transactionStatus, String completedDate, String dishonouredDate) {}

    /** One transaction of {@code /reports/v1/statement/{date}} (Monoova spells the reference {@code uniqueReferenced}). */
    public record StatementItem(String reference, Long transactionId, BigDecimal totalAmount, String status) {}

    /**
     * Our side.
     *
     * @param payouts our payouts first sent (claimed for submission) in the period
     * @param payout any payout by id (Monoova may list one created before the period)
     * @param credits our ledger's inbound credits of the period
     * @param entry any ledger entry by id
     * @param low what Monoova's availableToDebit should be at least (our available plus money reserved for
     *     payouts not sent yet)
     * @param high what it should be at most (plus payouts being sent or UNKNOWN)
     * @param shortfall how much our balance was lowered to match Monoova and not given back
     */
    public record Ours(
            List<Payout> payouts,
            Function<String, Optional<Payout>> payout,
            List<LedgerEntry> credits,
            Function<String, Optional<LedgerEntry>> entry,
            BigDecimal low,
            BigDecimal high,
            BigDecimal shortfall) {}

    /** Monoova's side; {@code availableToDebit} is null when it could not be read. */
    public record Theirs(
            List<MonoovaStatus> statuses,
            List<StatementItem> statement,
            List<ReceivablesCsv.Row> receivables,
            BigDecimal availableToDebit) {}

    private final Duration stuckUnknownAfter;
    private final Duration settleGrace;

    /**
     * @param stuckUnknownAfter an UNKNOWN payout older than this is a break
     * @param settleGrace how long a webhook may still be on its way: younger differences are not breaks
     */
    public Reconciler(Duration stuckUnknownAfter, Duration settleGrace) {
        this.stuckUnknownAfter = stuckUnknownAfter;
        this.settleGrace = settleGrace;
    }

    public List<Break> compare(Ours ours, Theirs theirs, Instant now) {
        Map<String, Break> breaks = new LinkedHashMap<>();
        Instant settled = now.minus(settleGrace);

        Set<String> monoovaReferences = new HashSet<>();
        for (MonoovaStatus s : theirs.statuses()) {
            monoovaReferences.add(s.reference());
            Optional<Payout> p = ours(ours, s.reference());
            if (p.isEmpty()) {
                add(breaks, new Break(BreakType.ORPHAN_MONOOVA_TRANSACTION, s.reference(), null, null, s.transactionStatus(), null,
                        null, "Monoova has a transaction with this reference on our mAccount; it is not one of our payouts"));
                continue;
            }
            Payout payout = p.get();
            if (payout.updatedAt().isAfter(settled)) {
                continue; // its webhook may still be on the way
            }
            String missing = missingOutcome(s.transactionStatus(), payout.status());
            if (missing != null) {
                add(breaks, payoutBreak(BreakType.MISSING_WEBHOOK, payout, s.transactionStatus(), null, missing));
            }
        }

        for (StatementItem item : theirs.statement()) {
            monoovaReferences.add(item.reference());
            Optional<Payout> p = ours(ours, item.reference());
            if (p.isEmpty()) {
                add(breaks, new Break(BreakType.ORPHAN_MONOOVA_TRANSACTION, item.reference(), null, null, item.status(), null,
                        amount(item.totalAmount()), "Monoova's statement has a transaction that is not one of our payouts"));
                continue;
            }
            Payout payout = p.get();
            if (item.totalAmount() != null && item.totalAmount().compareTo(payout.amount().amount()) != 0) {
                add(breaks, payoutBreak(BreakType.AMOUNT_MISMATCH, payout, item.status(), amount(item.totalAmount()),
                        "Monoova's statement shows another amount for this payout"));
            }
            if (payout.status() == PayoutStatus.RETURNED) {
                add(breaks, payoutBreak(BreakType.LATE_RETURN, payout, item.status(), amount(item.totalAmount()),
                        "Monoova's statement counts it paid, but it came back afterwards (" + payout.failureReason()
                                + "): reverse it in the books of the day it was paid"));
            }
        }

        for (Payout payout : ours.payouts()) {
            if (payout.status() == PayoutStatus.UNKNOWN && payout.updatedAt().isBefore(now.minus(stuckUnknownAfter))) {
                add(breaks, payoutBreak(BreakType.STUCK_UNKNOWN, payout, null, null,
                        "UNKNOWN since " + payout.updatedAt() + ": the status lookup has not settled it (runbook)"));
            }
            boolean monoovaMustKnow = payout.status() == PayoutStatus.SUBMITTED || payout.status() == PayoutStatus.COMPLETED
                    || payout.status() == PayoutStatus.RETURNED;
            if (monoovaMustKnow && !monoovaReferences.contains(payout.monoovaReference())
                    && payout.updatedAt().isBefore(settled)) {
                add(breaks, payoutBreak(BreakType.UNKNOWN_TO_MONOOVA, payout, null, null,
                        "we hold it as " + payout.status() + " but Monoova lists no transaction with its reference"));
            }
        }

        Set<String> reported = new HashSet<>();
        for (ReceivablesCsv.Row row : theirs.receivables()) {
            reported.add(row.transactionId());
            Optional<LedgerEntry> credit = ours.entry().apply(LedgerEntry.creditId(row.transactionId()));
            if (credit.isEmpty()) {
                if (row.at() == null || row.at().isBefore(settled)) {
                    add(breaks, new Break(BreakType.MISSING_WEBHOOK, row.transactionId(), null, null, "received " + row.type(),
                            null, amount(row.amount()), "Monoova received this " + row.type()
                                    + " credit but its webhook never reached our ledger"));
                }
            } else if (credit.get().amount().compareTo(row.amount()) != 0) {
                add(breaks, new Break(BreakType.AMOUNT_MISMATCH, row.transactionId(), null, "credited", "received " + row.type(),
                        amount(credit.get().amount()), amount(row.amount()), "the credit in our ledger differs from Monoova's report"));
            }
        }
        for (LedgerEntry credit : ours.credits()) {
            if (credit.kind() == LedgerEntry.Kind.CREDIT && credit.monoovaTransactionId() != null
                    && !reported.contains(credit.monoovaTransactionId())) {
                add(breaks, new Break(BreakType.UNKNOWN_TO_MONOOVA, credit.monoovaTransactionId(), null, "credited", null,
                        amount(credit.amount()), null, "our ledger has this credit but Monoova's receivables report does not"));
            }
        }

        BigDecimal monoova = theirs.availableToDebit();
        if (monoova != null && ours.low() != null && (monoova.compareTo(ours.low()) < 0 || monoova.compareTo(ours.high()) > 0)) {
            add(breaks, new Break(BreakType.UNEXPLAINED_BALANCE_DIFFERENCE, null, null, range(ours), monoova.toPlainString(),
                    amount(ours.low()), monoova.toPlainString(), "Monoova's availableToDebit " + monoova.toPlainString()
                            + " is outside what our ledger and payouts in flight explain (" + range(ours) + ")"));
        }
        if (ours.shortfall() != null && ours.shortfall().signum() > 0) {
            add(breaks, new Break(BreakType.UNEXPLAINED_BALANCE_DIFFERENCE, null, null, "shortfall", null,
                    amount(ours.shortfall()), null, "our available balance was lowered by " + amount(ours.shortfall())
                            + " because Monoova showed less than expected (fees, a foreign debit, or a missed event)"));
        }
        return new ArrayList<>(breaks.values());
    }

    /** What Monoova's final status says that our payout does not reflect; null when they agree (or Monoova is not final). */
    private static String missingOutcome(String monoova, PayoutStatus ours) {
        boolean inFlight = ours == PayoutStatus.SUBMITTING || ours == PayoutStatus.SUBMITTED || ours == PayoutStatus.UNKNOWN;
        return switch (monoova == null ? "" : monoova) {
            case "Complete" -> inFlight || ours == PayoutStatus.FAILED
                    ? "Monoova says Complete but we have " + ours + ": its completion never reached us" : null;
            case "Rejected" -> ours != PayoutStatus.FAILED
                    ? "Monoova says Rejected but we have " + ours + ": its rejection never reached us" : null;
            case "Dishonoured" -> ours != PayoutStatus.RETURNED && ours != PayoutStatus.FAILED
                    ? "Monoova says Dishonoured but we have " + ours + ": the dishonour never reached us" : null;
            default -> null;
        };
    }

    private static Optional<Payout> ours(Ours ours, String reference) {
        return PayoutIds.payoutIdFromReference(reference).flatMap(ours.payout());
    }

    private static Break payoutBreak(BreakType type, Payout p, String monoovaStatus, String monoovaAmount, String detail) {
        return new Break(type, p.monoovaReference(), p.id(), p.status().name(), monoovaStatus, p.amount().toPlainString(),
                monoovaAmount, detail);
    }

    private static void add(Map<String, Break> breaks, Break b) {
        breaks.putIfAbsent(b.type() + "|" + b.reference() + "|" + b.ourStatus(), b);
    }

    private static String range(Ours ours) {
        return amount(ours.low()) + ".." + amount(ours.high());
    }

    private static String amount(BigDecimal value) {
        return value == null ? null : value.setScale(Math.max(2, value.stripTrailingZeros().scale()), java.math.RoundingMode.UNNECESSARY)
                .toPlainString();
    }
}
