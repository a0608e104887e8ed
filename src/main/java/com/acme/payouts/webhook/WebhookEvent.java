package com.acme.payouts.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A verified webhook as it travels on the {@code monoova-webhooks} queue: Monoova's id and event
 * name, when we got it, and the payload with personal fields masked.
 */
public record WebhookEvent(String webhookId, String eventName, Instant receivedAt, JsonNode payload) {}
