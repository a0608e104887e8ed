package com.acme.payouts.store;

import java.time.Instant;

/**
 * The outcome of processing one webhook.
 *
 * @param outcome APPLIED (changed a payout), IGNORED (did not fit the payout's state: late or duplicate),
 *     or REJECTED (could not be processed; the message went to the dead-letter queue)
 */
public record WebhookReceipt(
        String webhookId, String eventName, Outcome outcome, String payoutId, String detail, Instant receivedAt) {

    public enum Outcome {
        APPLIED,
        IGNORED,
        REJECTED
    }
}
