package com.acme.payouts.webhook;

import com.acme.payouts.payout.Fingerprints;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of the webhook intake route: authenticate the raw request, turn it into a masked
 * {@link WebhookEvent} for the queue, archive the raw body (encrypted) for audit and replay, answer
 * 200. It does nothing slow beyond that, because Monoova retries only once, 30 seconds later.
 */
public class WebhookIntake {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIntake.class);
    public static final String RAW_BODY = "payoutsWebhookRawBody";
    public static final String WEBHOOK_ID = "webhookId";
    private static final String SIGNATURE = "payoutsWebhookSignature";
    private static final String EVENT = "payoutsWebhookEvent";

    private final WebhookAuthenticator authenticator;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final WebhookArchive archive;

    public WebhookIntake(
            WebhookAuthenticator authenticator, ObjectMapper json, Clock clock, MeterRegistry meters, WebhookArchive archive) {
        this.authenticator = authenticator;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        this.archive = archive;
    }

    public void authenticate(Exchange exchange) {
        Message in = exchange.getIn();
        byte[] raw = in.getBody(byte[].class);
        try {
            authenticator.authenticate(
                    raw, in.getHeader("Authorization", String.class), in.getHeader("Verification-Signature", String.class));
        } catch (WebhookAuthenticationException e) {
            meters.counter("payouts.webhooks.rejected", "reason", e.getMessage()).increment();
            // The body is never logged: it carries payee details.
            LOG.warn("webhook refused: {} (Webhookid {})", e.getMessage(), safeId(in.getHeader("Webhookid", String.class)));
            throw e;
        }
        exchange.setProperty(RAW_BODY, raw);
        exchange.setProperty(SIGNATURE, in.getHeader("Verification-Signature", String.class));
    }

    /** Replaces the request with the queue message; drops every header so none reaches SQS. */
    public void toQueueMessage(Exchange exchange) throws JsonProcessingException {
        Message in = exchange.getIn();
        byte[] raw = exchange.getProperty(RAW_BODY, byte[].class);
        JsonNode payload;
        try {
            payload = json.readTree(raw);
        } catch (java.io.IOException e) {
            // Signed by Monoova yet not JSON: keep it (masked to nothing) for an operator, don't lose it.
            payload = json.getNodeFactory().textNode("unparseable body of " + raw.length + " bytes");
        }
        String declared = in.getHeader("event", String.class);
        String webhookId = safeId(in.getHeader("Webhookid", String.class));
        if (webhookId == null) {
            // No id from Monoova: an exact duplicate body still deduplicates.
            webhookId = "sha256-" + Fingerprints.sha256Hex(new String(raw, StandardCharsets.UTF_8)).substring(0, 32);
        }
        String eventName = WebhookEventNames.resolve(declared, payload);
        WebhookEvent event = new WebhookEvent(webhookId, eventName, clock.instant(), WebhookPayloadMasker.mask(payload));
        in.removeHeaders("*");
        in.setBody(json.writeValueAsString(event));
        exchange.setProperty(WEBHOOK_ID, webhookId);
        exchange.setProperty(EVENT, event);
    }

    /**
     * Archives the raw body exactly as signed, encrypted, before the event is queued. A failure here
     * fails the request (Monoova retries once; the delivery report and resend recover it after that):
     * an event is never processed without its audit copy.
     */
    public void archive(Exchange exchange) {
        byte[] raw = exchange.getProperty(RAW_BODY, byte[].class);
        WebhookEvent event = exchange.getProperty(EVENT, WebhookEvent.class);
        String key = archive.store(new ArchivedWebhook(
                event.webhookId(), event.eventName(), event.receivedAt(), exchange.getProperty(SIGNATURE, String.class), raw));
        exchange.removeProperty(RAW_BODY);
        exchange.removeProperty(SIGNATURE);
        exchange.removeProperty(EVENT);
        meters.counter("payouts.webhooks.received", "event", event.eventName()).increment();
        LOG.info("webhook {} ({}) verified, archived as {} and queued", event.webhookId(), event.eventName(), key);
    }

    public void accepted(Exchange exchange) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody("{\"received\":true}");
    }

    /** Webhook ids are integers in the spec; anything else is not echoed into logs or keys. */
    static String safeId(String id) {
        if (id == null) {
            return null;
        }
        String trimmed = id.trim();
        return trimmed.matches("[A-Za-z0-9-]{1,64}") ? trimmed : null;
    }
}
