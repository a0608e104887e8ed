package com.acme.payouts.support;

import com.acme.payouts.sandbox.MonoovaSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Calls to the embedded Monoova sandbox itself (never to the application: that is {@link PayoutsClient}),
 * for tests that play another Monoova user or a second subscriber.
 */
public final class SandboxCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MonoovaSandbox sandbox;
    private final HttpClient http = HttpClient.newHttpClient();

    public SandboxCalls(MonoovaSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** {@code method path} with a JSON body (or none); returns the answer, whatever its HTTP status. */
    public JsonNode call(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.baseUri() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((sandbox.apiKey() + ":").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json");
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Subscribes {@code eventName} to {@code targetUrl} with this security token; returns the subscription id. */
    public int subscribe(String eventName, String targetUrl, String securityToken) {
        return call("POST", "/subscriptions/v1/create", JSON.createObjectNode()
                        .put("eventName", eventName)
                        .put("targetUrl", targetUrl)
                        .put("subscriptionStatus", "On")
                        .put("securityToken", securityToken)
                        .toString())
                .path("id").asInt();
    }

    public void unsubscribe(int id) {
        call("DELETE", "/subscriptions/v1/delete/" + id, null);
    }

    /** An NPP payout executed by someone else on our mAccount, with a reference that is not ours. */
    public JsonNode executeForeign(String uniqueReference, String amount) {
        return call("POST", "/financial/v2/transaction/execute", """
                {"uniqueReference":"%s","paymentSource":"mAccount","totalAmount":%s,
                 "disbursements":[{"disbursementMethod":"NppCreditBankAccount","amount":%s,
                   "toNppCreditBankAccountDetails":{"bsbNumber":"802-985","accountNumber":"819877339","accountName":"Other Payee"},
                   "lodgementReference":"not ours"}]}
                """.formatted(uniqueReference, amount, amount));
    }
}
