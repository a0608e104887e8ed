package com.acme.payouts.webhook;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Where verified webhooks are kept, raw, for audit and replay. Implementations must encrypt at rest:
 * the bodies carry account numbers, PayIDs and names. The embedded default writes AWS Encryption SDK
 * messages under the data directory ({@link EncryptedFileWebhookArchive}); in AWS an S3 bucket with
 * SSE-KMS can implement the same interface.
 */
public interface WebhookArchive {

    /** Keeps the webhook; every receipt is kept, duplicates included. Returns its key. */
    String store(ArchivedWebhook webhook);

    Optional<ArchivedWebhook> read(String key);

    /** Keys of the webhooks received on a UTC day, in arrival order. */
    List<String> keys(LocalDate day);
}
