package com.acme.payouts.funding;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One line of the funding ledger: money that came in (or was refused on the way in), or an audited
 * adjustment of the balance. Entries are written once and never changed; an inbound credit's id is
 * derived from Monoova's transaction id, so the same credit can never be counted twice.
 *
 * @param id {@code credit:<TransactionId>}, {@code rejected:<id>} or {@code adjust:<uuid>}
 * @param source {@code DE}, {@code NPP}, or for adjustments who made it ({@code monoova-check}, ...)
 * @param monoovaTransactionId Monoova's id of the inbound transaction ({@code D…}/{@code N…}), if any
 * @param amount positive for money in; an adjustment may be negative
 * @param reference the payer's lodgement reference or end-to-end id, scrubbed; never a name or account
 * @param day the Sydney date the money moved on (reports and reconciliation are by this date)
 * @param occurredAt when Monoova says it happened (Sydney local time read as such), or when we heard of it
 */
public record LedgerEntry(
        String id,
        Kind kind,
        String source,
        String monoovaTransactionId,
        BigDecimal amount,
        String batchId,
        String reference,
        LocalDate day,
        Instant occurredAt,
        Instant recordedAt,
        String detail) {

    public enum Kind {
        /** Money landed in the mAccount: adds to the available balance. */
        CREDIT,
        /** Inbound money Monoova returned to the payer (whitelisting, reconciliation rules): no effect. */
        REJECTED_CREDIT,
        /** A correction of the available balance, with its reason in {@code detail}. */
        ADJUSTMENT
    }

    /** Whether this entry changes the available balance. */
    public boolean movesBalance() {
        return kind != Kind.REJECTED_CREDIT;
    }

    public static String creditId(String monoovaTransactionId) {
        return "credit:" + monoovaTransactionId;
    }

    public static String rejectedId(String rejectionId) {
        return "rejected:" + rejectionId;
    }
}
