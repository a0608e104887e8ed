package com.acme.payouts.store;

import java.util.Optional;

/** What each Monoova webhook (by {@code Webhookid}) did to us: for operators, audits and tests. */
public interface WebhookReceiptStore {

    /**
     * Records the outcome for a webhook id, replacing an earlier one, except that an APPLIED outcome
     * is never replaced: a copy of the same webhook processed at the same time must not make the
     * record say IGNORED for the change that did happen.
     */
    void record(WebhookReceipt receipt);

    Optional<WebhookReceipt> find(String webhookId);
}
