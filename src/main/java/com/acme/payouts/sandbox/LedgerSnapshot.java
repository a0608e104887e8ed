package com.acme.payouts.sandbox;

import java.math.BigDecimal;

/**
 * A consistent view of the mAccount's money and of the execute counters, taken under the book
 * lock so {@code openingBalance + totalCredited - totalDebited == availableToDebit} always holds.
 *
 * @param openingBalance balance at start
 * @param availableToDebit what can still be paid out
 * @param totalDebited payout money currently out of the mAccount (debits minus credit-backs)
 * @param totalCredited top-ups through the control API
 * @param feesCharged fees including GST charged to the separate fee account
 * @param executeCalls execute requests received (any outcome)
 * @param duplicateExecutes execute requests answered {@code DuplicateUniqueReference}
 * @param transactionCount committed payouts
 */
record LedgerSnapshot(
        BigDecimal openingBalance,
        BigDecimal availableToDebit,
        BigDecimal totalDebited,
        BigDecimal totalCredited,
        BigDecimal feesCharged,
        int executeCalls,
        int duplicateExecutes,
        int transactionCount) {}
