package com.acme.payouts.monoova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * The Monoova calls that are not part of a payout flow (webhook public key, subscriptions and their
 * delivery report and resend, mAccount financials, the reports reconciliation reads), made through
 * the same {@code camel-http} component, auth and timeouts as the routes. Failures surface as
 * exceptions to the caller, who decides whether to try again later. None of these calls moves money.
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

    /** {@code GET /mAccount/v1/financials/{accountNumber}}: the envelope plus {@code financials}. */
    public JsonNode financials(String mAccount) {
        return ok(parse(call("GET", "/mAccount/v1/financials/" + mAccount, null)), "financials");
    }

    /**
     * {@code GET /tools/v1/bsbValidate/{bsbNumber}} ({@code NNN-NNN}): the parsed body of a 200 (envelope plus
     * {@code bsb}, {@code closed}, {@code address}...); an HTTP error surfaces as {@link MonoovaCallException}.
     */
    public JsonNode bsbValidate(String bsb) {
        return parse(call("GET", "/tools/v1/bsbValidate/" + bsb, null));
    }

    /**
     * {@code GET /subscriptions/v1/report/{date}} ({@code yyyy-MM-dd}): the delivery log of webhook
     * notifications ({@code notifications[]}), one page.
     */
    public JsonNode subscriptionsReport(java.time.LocalDate date, int skip, int take) {
        return ok(parse(call("GET", "/subscriptions/v1/report/" + date, null, "skip=" + skip + "&take=" + take)),
                "subscriptions report");
    }

    /** {@code POST /subscriptions/v2/resend/{WebhookId}}: Monoova sends that notification again. */
    public JsonNode resendWebhook(long webhookId) {
        return ok(parse(call("POST", "/subscriptions/v2/resend/" + webhookId, "")), "resend");
    }

    /** {@code GET /financial/v2/status/{startDate}/{endDate}}: {@code statuses[]} of the transactions in the range. */
    public JsonNode statusesBetween(java.time.LocalDate start, java.time.LocalDate end) {
        return ok(parse(call("GET", "/financial/v2/status/" + start + "/" + end, null)), "status by date");
    }

    /** {@code GET /reports/v1/statement/{date}}: the successful transactions of that day. */
    public JsonNode statement(java.time.LocalDate date) {
        return ok(parse(call("GET", "/reports/v1/statement/" + date, null)), "statement");
    }

    /**
     * {@code GET /receivables/v6/report/{date}?endDate=}: the received DE and NPP items as CSV (DIGEST
     * §4.4); both times {@code yyyyMMddHHmmss}, Sydney.
     */
    public String receivablesReport(String start, String end) {
        return call("GET", "/receivables/v6/report/" + start, null, "endDate=" + end);
    }

    private JsonNode ok(JsonNode answer, String what) {
        String status = answer.path("status").asText("");
        if (!"Ok".equalsIgnoreCase(status)) {
            throw new MonoovaCallException("Monoova " + what + " answered status " + com.acme.payouts.support.Redaction.scrub(status), null);
        }
        return answer;
    }

    private String call(String method, String path, String body) {
        return call(method, path, body, null);
    }

    private String call(String method, String path, String body, String query) {
        Exchange result = template.request(baseUrl + path + timeouts, exchange -> {
            exchange.getMessage().setBody(body);
            if ("POST".equals(method)) {
                http.preparePost(exchange);
            } else {
                http.prepareGet(exchange);
            }
            if (query != null) {
                exchange.getMessage().setHeader(Exchange.HTTP_QUERY, query);
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
