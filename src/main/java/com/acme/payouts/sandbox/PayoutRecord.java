package com.acme.payouts.sandbox;

import java.time.Instant;

/**
 * The sandbox's internal, mutable record of one committed payout. The final fields are fixed at
 * commit; the lifecycle fields are written and read only while holding the {@link PayoutBook}
 * lock, which is what keeps status and money movements consistent under concurrency.
 */
final class PayoutRecord {

    final int transactionId;
    final PayoutInstruction instruction;
    final Instant createdAt;
    final Fee fee;
    final WebhookFault webhookFault;

    // Guarded by PayoutBook's lock
    SandboxTransaction.Status status = SandboxTransaction.Status.PENDING;
    Instant finishedAt;
    String rejectionReason;
    boolean returned;
    String returnReason;
    boolean moneyMoved = true;

    PayoutRecord(int transactionId, PayoutInstruction instruction, Instant createdAt, Fee fee, WebhookFault webhookFault) {
        this.transactionId = transactionId;
        this.instruction = instruction;
        this.createdAt = createdAt;
        this.fee = fee;
        this.webhookFault = webhookFault;
    }

    String uniqueReference() {
        return instruction.uniqueReference();
    }

    /** Caller must hold the book lock. */
    SandboxTransaction snapshot(SydneyTime time) {
        return new SandboxTransaction(
                instruction.uniqueReference(),
                transactionId,
                instruction.method().wireName(),
                instruction.amount(),
                status,
                returned,
                createdAt,
                finishedAt == null ? null : time.date(finishedAt),
                rejectionReason,
                returnReason,
                moneyMoved);
    }
}
