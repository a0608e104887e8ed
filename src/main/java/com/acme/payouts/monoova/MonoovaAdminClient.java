package com.acme.payouts.monoova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * The Monoova calls that are not part of a payout flow (webhook public key, subscriptions), made
 * through the same {@code camel-http} component, auth and timeouts as the routes. Failures surface
 * as exceptions to the caller, who decides whether to try again later.
 */
public class MonoovaAdminClient {

    private final ProducerTemplate template;
    private final MonoovaHttp http;
    private final ObjectMapper json;
    private final String baseUrl;
    private final String timeouts;

    public MonoovaAdminClient(
            ProducerTemplate template, MonoovaHttp http, ObjectMapper json, String baseUrl, long connectMs, long responseMs) {
        this.template = template;
        this.http = http;
        this.json = json;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeouts = "?connectTimeout=" + connectMs + "&connectionRequestTimeout=" + connectMs
                + "&responseTimeout=" + responseMs + "&soTimeout=" + responseMs;
    }

    /** Hex DER of the key Monoova signs webhooks with ({@code GET /public/v1/certificate/public-key}). */
    public String publicKeyHex() {
        return call("GET", "/public/v1/certificate/public-key", null).trim();
    }

    public JsonNode listSubscriptions() {
        return parse(call("GET", "/subscriptions/v1/list", null));
    }

    public JsonNode createSubscription(String eventName, String targetUrl, String securityToken) {
        return parse(call("POST", "/subscriptions/v1/create", write(Map.of(
                "eventName", eventName,
                "targetUrl", targetUrl,
                "subscriptionStatus", "On",
                "securityToken", securityToken))));
    }

    public JsonNode updateSubscription(int id, String targetUrl, String securityToken) {
        return parse(call("POST", "/subscriptions/v1/update", write(Map.of(
                "id", id,
                "targetUrl", targetUrl,
                "subscriptionStatus", "On",
                "securityToken", securityToken))));
    }

    private String call(String method, String path, String body) {
        Exchange result = template.request(baseUrl + path + timeouts, exchange -> {
            exchange.getMessage().setBody(body);
            if ("POST".equals(method)) {
                http.preparePost(exchange);
            } else {
                http.prepareGet(exchange);
            }
        });
        if (result.getException() != null) {
            throw new MonoovaCallException(method + " " + path + " failed: "
                    + result.getException().getClass().getSimpleName(), result.getException());
        }
        return result.getMessage().getBody(String.class);
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Monoova answered with something that is not JSON", e);
        }
    }

    private String write(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Monoova call outside the payout flows failed. */
    public static class MonoovaCallException extends RuntimeException {
        public MonoovaCallException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
