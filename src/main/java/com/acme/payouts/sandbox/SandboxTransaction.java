package com.acme.payouts.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What the sandbox knows about one executed payout, as a snapshot for tests and the control API.
 * It deliberately carries no payee details (BSB, account, PayID, names) so it can be logged and
 * asserted on freely.
 *
 * <p>A returned NPP payout keeps {@code status == COMPLETE} and sets {@code returned}: Monoova's
 * status endpoint has no "Returned" value, so the sandbox keeps reporting {@code Complete} there,
 * and the flag is how a test tells the two apart.
 *
 * @param uniqueReference the caller's reference, or {@code null} if execute was called without one
 * @param transactionId Monoova's int32 transaction id returned by execute
 * @param disbursementMethod wire name: {@code NppCreditBankAccount}, {@code NppCreditPayId} or
 *     {@code directCredit}
 * @param amount payout amount, scale 2
 * @param status lifecycle state as the status endpoint reports it
 * @param returned true once a completed NPP payout has been returned (money credited back)
 * @param createdAt when execute committed the payout
 * @param completedDate Sydney date of completion or rejection, {@code null} while pending
 * @param rejectionReason reason text of a rejection, else {@code null}
 * @param returnReason reason text of a return, else {@code null}
 * @param moneyMoved true while the amount is debited from the mAccount (false after a rejection
 *     or return credited it back)
 */
public record SandboxTransaction(
        String uniqueReference,
        int transactionId,
        String disbursementMethod,
        BigDecimal amount,
        Status status,
        boolean returned,
        Instant createdAt,
        LocalDate completedDate,
        String rejectionReason,
        String returnReason,
        boolean moneyMoved) {

    /** The {@code transactionStatus} values the sandbox produces for payouts. */
    public enum Status {
        PENDING("Pending"),
        COMPLETE("Complete"),
        REJECTED("Rejected");

        private final String wireValue;

        Status(String wireValue) {
            this.wireValue = wireValue;
        }

        /** The exact spelling used by {@code /financial/v2/status}. */
        public String wireValue() {
            return wireValue;
        }
    }
}
