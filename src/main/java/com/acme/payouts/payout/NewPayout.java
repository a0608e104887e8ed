package com.acme.payouts.payout;

/**
 * A validated request to pay a payee, from the API or the queue.
 *
 * @param source who sent it ({@code api} or {@code sqs:<name>}); recorded, not part of the fingerprint
 * @param payeeMasked masked summary of the destination, for display
 */
public record NewPayout(
        String idempotencyKey,
        String source,
        String customerId,
        String payeeId,
        String payeeMasked,
        Money amount,
        PayoutMethod method,
        String reference) {

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
