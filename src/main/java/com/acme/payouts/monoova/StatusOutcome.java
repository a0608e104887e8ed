package com.acme.payouts.monoova;

/** What a status lookup says about one uniqueReference, decided only by {@link MonoovaClassifier}. */
public sealed interface StatusOutcome {

    record Completed(String completedDate) implements StatusOutcome {}

    record Rejected(String description) implements StatusOutcome {}

    /** Dishonoured after the fact (DE): a completed payout is RETURNED. */
    record Dishonoured(String dishonouredDate) implements StatusOutcome {}

    /** Monoova has it and has not finished. */
    record Pending(String transactionStatus) implements StatusOutcome {}

    /** Monoova answered with one of the configured not-found codes: it never received the reference. */
    record NotFound(String code) implements StatusOutcome {}

    /** No usable answer (error, timeout, unexpected body): ask again later. */
    record Unknown(String why) implements StatusOutcome {}
}
