package com.acme.payouts.sandbox;

import java.net.URI;
import java.time.Instant;

/**
 * One attempt to deliver one webhook notification, kept so tests can assert on retries,
 * duplicates and drops without trusting the receiver's own bookkeeping.
 *
 * @param webhookId the {@code Webhookid} header; shared by a retry and by a deliberate duplicate
 * @param eventName subscription event name, e.g. {@code NppPaymentStatus}
 * @param uniqueReference the payout's reference (may be {@code null})
 * @param targetUrl where the attempt was sent
 * @param attempt 1 for the first try, 2 for the single retry
 * @param httpStatus the receiver's HTTP status, or {@code null} if no response arrived
 * @param error connection error or timeout text, or {@code null} if a response arrived
 * @param time when the attempt finished
 */
public record WebhookDelivery(
        long webhookId,
        String eventName,
        String uniqueReference,
        URI targetUrl,
        int attempt,
        Integer httpStatus,
        String error,
        Instant time) {

    /** True when the receiver answered exactly 200, the only code Monoova treats as delivered. */
    public boolean delivered() {
        return httpStatus != null && httpStatus == 200;
    }
}
