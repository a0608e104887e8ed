package com.acme.payouts.webhook;

import com.acme.payouts.monoova.MonoovaAdminClient;
import com.acme.payouts.store.WebhookReceiptStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers webhooks Monoova could not deliver. Monoova tries a notification twice (once, then once
 * more 30 s later) and then gives up (DIGEST §6.1, §10.20): a receiver outage longer than that loses
 * events, and funding events leave no payout stuck for the status sweeper to notice. So this reads
 * Monoova's delivery log ({@code /subscriptions/v1/report/{date}}) and asks for every notification to
 * our URL that ended in {@code Error}, after Monoova's own retry, and that we never processed (no
 * receipt for its {@code Webhookid}) to be sent again ({@code /subscriptions/v2/resend/{WebhookId}}).
 * A resent webhook is verified and deduplicated like any other.
 */
public class WebhookRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookRecovery.class);
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    private static final int PAGE = 1000;

    private final MonoovaAdminClient monoova;
    private final WebhookReceiptStore receipts;
    private final Supplier<String> ourWebhookUrl;
    private final Clock clock;
    private final int maxResends;
    private final int lookbackDays;
    private final Duration cooldown;
    private final Map<Long, Resend> resends = new ConcurrentHashMap<>();

    private record Resend(int count, Instant at) {}

    /**
     * @param ourWebhookUrl our webhook target without its query, e.g. {@code https://payouts.example/webhooks/monoova}
     * @param cooldown how long a resent notification is given to arrive before it is asked for again
     */
    public WebhookRecovery(MonoovaAdminClient monoova, WebhookReceiptStore receipts, Supplier<String> ourWebhookUrl, Clock clock,
            int maxResends, int lookbackDays, Duration cooldown) {
        this.monoova = monoova;
        this.receipts = receipts;
        this.ourWebhookUrl = ourWebhookUrl;
        this.clock = clock;
        this.maxResends = maxResends;
        this.lookbackDays = lookbackDays;
        this.cooldown = cooldown;
    }

    /** One pass over today's (and the look-back days') delivery reports; returns how many were asked for again. */
    public int recover() {
        LocalDate today = clock.instant().atZone(SYDNEY).toLocalDate();
        int asked = 0;
        for (LocalDate day = today.minusDays(lookbackDays); !day.isAfter(today); day = day.plusDays(1)) {
            try {
                asked += recover(day);
            } catch (RuntimeException e) {
                LOG.warn("webhook recovery: cannot read Monoova's delivery report of {} ({})", day, e.getMessage());
            }
        }
        return asked;
    }

    private int recover(LocalDate day) {
        int asked = 0;
        for (int skip = 0; ; skip += PAGE) {
            JsonNode notifications = monoova.subscriptionsReport(day, skip, PAGE).path("notifications");
            for (JsonNode n : notifications) {
                if (shouldResend(n)) {
                    long webhookId = n.path("webhookId").asLong();
                    try {
                        monoova.resendWebhook(webhookId);
                        int count = resends.merge(webhookId, new Resend(1, clock.instant()),
                                (old, now) -> new Resend(old.count() + 1, now.at())).count();
                        asked++;
                        LOG.warn("webhook {} ({}) was never delivered to us; asked Monoova to send it again ({} of {})",
                                webhookId, n.path("eventName").asText(), count, maxResends);
                    } catch (RuntimeException e) {
                        LOG.warn("webhook recovery: resend of {} failed ({})", webhookId, e.getMessage());
                    }
                }
            }
            if (notifications.size() < PAGE) {
                return asked;
            }
        }
    }

    private boolean shouldResend(JsonNode n) {
        if (!"Error".equalsIgnoreCase(n.path("status").asText())) {
            return false;
        }
        // Monoova retries once by itself; only a notification it has given up on is ours to recover.
        if (n.path("retryCount").asInt(0) < 1) {
            return false;
        }
        String url = n.path("url").asText("");
        if (!url.isEmpty() && !url.startsWith(ourWebhookUrl.get())) {
            return false;
        }
        long webhookId = n.path("webhookId").asLong(0);
        if (webhookId == 0 || receipts.find(Long.toString(webhookId)).isPresent()) {
            return false;
        }
        Resend done = resends.get(webhookId);
        if (done == null) {
            return true;
        }
        if (clock.instant().isBefore(done.at().plus(cooldown))) {
            return false;
        }
        if (done.count() >= maxResends) {
            if (done.count() == maxResends) {
                resends.put(webhookId, new Resend(done.count() + 1, done.at()));
                LOG.error("webhook {} ({}) still not delivered after {} resends: an operator must look (runbook)",
                        webhookId, n.path("eventName").asText(), maxResends);
            }
            return false;
        }
        return true;
    }
}
