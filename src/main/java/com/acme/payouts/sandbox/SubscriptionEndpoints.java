package com.acme.payouts.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /subscriptions/v1/create|update|list|delete}, with the spec's odd field names kept as
 * they are ({@code eventname} for the list, {@code LastUpdated} in PascalCase).
 */
final class SubscriptionEndpoints {

    private final SubscriptionRegistry registry;
    private final SydneyTime time;
    private final WebhookDispatcher webhooks;

    SubscriptionEndpoints(SubscriptionRegistry registry, SydneyTime time, WebhookDispatcher webhooks) {
        this.registry = registry;
        this.time = time;
        this.webhooks = webhooks;
    }

    /**
     * {@code GET /subscriptions/v1/report/{date}}: one line per notification created that Sydney day,
     * with {@code status} {@code Sent} (some attempt got 200) or {@code Error}, {@code retryCount}
     * (attempts after the first, resends included) and {@code lastResponseCode} (0 when none came).
     */
    ApiResponse report(ApiRequest request) {
        java.time.LocalDate day = FinancialEndpoints.date(request.pathParameter(0), "date");
        int skip = intParameter(request, "skip", 0);
        int take = intParameter(request, "take", 1000);
        List<WebhookDispatcher.ReportLine> lines = webhooks.report(day);
        List<Map<String, Object>> items = new ArrayList<>();
        for (WebhookDispatcher.ReportLine line : lines.subList(Math.min(skip, lines.size()), Math.min(lines.size(), skip + take))) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("dateTime", time.subscriptionDateTime(line.createdAt()));
            item.put("eventName", line.eventName());
            item.put("lastResponseCode", line.lastResponseCode() == null ? 0 : line.lastResponseCode());
            item.put("lastRetryDateTime", line.lastRetryAt() == null ? null : time.subscriptionDateTime(line.lastRetryAt()));
            item.put("retryCount", line.retryCount());
            item.put("status", line.sent() ? "Sent" : "Error");
            item.put("url", line.url().toString());
            item.put("webhookId", line.webhookId());
            items.add(item);
        }
        return ApiResponse.Json.ok().with("notifications", items);
    }

    /** {@code POST /subscriptions/v2/resend/{WebhookId}}: the envelope only; an unknown id is 400 {@code WebhookNotFound}. */
    ApiResponse resend(ApiRequest request) {
        long id;
        try {
            id = Long.parseLong(request.pathParameter(0));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("InvalidWebhookId", "WebhookId must be an integer.");
        }
        if (!webhooks.resend(id)) {
            throw ApiException.badRequest("WebhookNotFound", "No webhook notification has this id.");
        }
        return ApiResponse.Json.ok();
    }

    private static int intParameter(ApiRequest request, String name, int fallback) {
        String value = request.queryParameter(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("InvalidRequest", name + " must be a non-negative integer.");
        }
    }

    ApiResponse create(ApiRequest request) {
        JsonNode body = request.jsonObject();
        Subscription subscription = registry.create(
                text(body, "eventName"),
                text(body, "targetUrl"),
                text(body, "subscriptionStatus"),
                text(body, "securityToken"));
        return saved(subscription);
    }

    ApiResponse update(ApiRequest request) {
        JsonNode body = request.jsonObject();
        JsonNode id = body.get("id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToInt()) {
            throw ApiException.badRequest("InvalidSubscriptionId", "id must be an integer.");
        }
        Subscription subscription = registry.update(
                id.intValue(), text(body, "targetUrl"), text(body, "subscriptionStatus"), text(body, "securityToken"));
        return saved(subscription);
    }

    ApiResponse list(ApiRequest request) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Subscription subscription : registry.list()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("eventName", subscription.eventName());
            item.put("id", subscription.id());
            item.put("targetUrl", subscription.targetUrl().toString());
            item.put("status", subscription.on() ? "On" : "Off");
            item.put("LastUpdated", time.subscriptionDateTime(subscription.lastUpdated()));
            item.put("createdDate", time.subscriptionDateTime(subscription.createdAt()));
            items.add(item);
        }
        return ApiResponse.Json.ok().with("eventname", items);
    }

    ApiResponse delete(ApiRequest request) {
        int id;
        try {
            id = Integer.parseInt(request.pathParameter(0));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("InvalidSubscriptionId", "id must be an integer.");
        }
        registry.delete(id);
        return ApiResponse.Json.ok();
    }

    private ApiResponse saved(Subscription subscription) {
        return ApiResponse.Json.ok()
                .with("id", subscription.id())
                .with("dateTime", time.subscriptionDateTime(subscription.lastUpdated()))
                .with("eventName", subscription.eventName())
                .with("targetUrl", subscription.targetUrl().toString());
    }

    private static String text(JsonNode body, String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("InvalidRequest", name + " must be a string.");
        }
        return node.textValue();
    }
}
