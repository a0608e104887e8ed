package com.acme.payouts.monoova;

/** What an execute call means for the payout, decided only by {@link MonoovaClassifier}. */
public sealed interface ExecuteOutcome {

    /** Monoova took the transaction ({@code Ok}, or {@code Pending} for NPP); the final result comes later. */
    record Accepted(Long transactionId, String status) implements ExecuteOutcome {}

    /** Monoova explicitly refused it (HTTP 400 with its envelope): no money moved. */
    record Rejected(String code, String description) implements ExecuteOutcome {}

    /**
     * Monoova refused it for lack of funds (HTTP 400 with a code in {@code monoova.insufficient-funds-codes}):
     * nothing was executed, so the payout waits for funds instead of failing.
     */
    record FundsShort(String code) implements ExecuteOutcome {}

    /** We cannot tell whether money moved; only a status lookup on the same reference may decide. */
    record Unknown(String why) implements ExecuteOutcome {}
}
