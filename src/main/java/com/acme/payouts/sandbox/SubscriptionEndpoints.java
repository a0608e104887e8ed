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

    SubscriptionEndpoints(SubscriptionRegistry registry, SydneyTime time) {
        this.registry = registry;
        this.time = time;
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
