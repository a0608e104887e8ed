package com.acme.payouts.payout;

/**
 * A validated request to pay a payee, from the API or the queue.
 *
 * @param source who sent it ({@code api} or {@code sqs:<name>}); recorded, not part of the fingerprint
 * @param payeeMasked masked summary of the destination, for display
 * @param createdBy the principal asking for it
 * @param requiresApproval held in PENDING_APPROVAL until a checker approves it (maker-checker)
 * @param payeeVersion the payee version (destination) the payout is for; null when unknown (then version 1)
 */
public record NewPayout(
        String idempotencyKey,
        String source,
        String customerId,
        String payeeId,
        String payeeMasked,
        Money amount,
        PayoutMethod method,
        String reference,
        Actor createdBy,
        boolean requiresApproval,
        Integer payeeVersion) {

    /** A request without a recorded payee version. */
    public NewPayout(
            String idempotencyKey,
            String source,
            String customerId,
            String payeeId,
            String payeeMasked,
            Money amount,
            PayoutMethod method,
            String reference,
            Actor createdBy,
            boolean requiresApproval) {
        this(idempotencyKey, source, customerId, payeeId, payeeMasked, amount, method, reference, createdBy,
                requiresApproval, null);
    }

    /** A request that needs no approval, created by the principal named like its source. */
    public NewPayout(
            String idempotencyKey,
            String source,
            String customerId,
            String payeeId,
            String payeeMasked,
            Money amount,
            PayoutMethod method,
            String reference) {
        this(idempotencyKey, source, customerId, payeeId, payeeMasked, amount, method, reference,
                new Actor(source, source), false, null);
    }

    /** What makes two requests "the same request" for idempotency. */
    public String fingerprint() {
        return Fingerprints.sha256Hex(String.join(
                "\n",
                payeeId,
                amount.toPlainString(),
                amount.currency(),
                method.name(),
                reference == null ? "" : reference));
    }
}
