package com.acme.payouts.webhook;

import java.time.Instant;

/**
 * A verified webhook exactly as Monoova sent it: the raw body bytes its signature covers, with the
 * signature, so it can be audited and replayed (and verified again) later. The body holds payee
 * details, so it only ever rests encrypted and {@link #toString} never shows it.
 */
public record ArchivedWebhook(String webhookId, String eventName, Instant receivedAt, String signature, byte[] body) {

    @Override
    public String toString() {
        return "ArchivedWebhook[webhookId=" + webhookId + ", eventName=" + eventName + ", receivedAt=" + receivedAt
                + ", body=" + (body == null ? 0 : body.length) + " bytes]";
    }
}
