package com.acme.payouts.store;

import java.util.Optional;

/** What each Monoova webhook (by {@code Webhookid}) did to us: for operators, audits and tests. */
public interface WebhookReceiptStore {

    /** Records or replaces the outcome for a webhook id. */
    void record(WebhookReceipt receipt);

    Optional<WebhookReceipt> find(String webhookId);
}
