package com.acme.payouts.support;

import com.acme.payouts.sandbox.MonoovaSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.awaitility.Awaitility;

/**
 * Captures genuine signed webhooks: a small HTTP receiver with its own {@code NppPaymentStatus}
 * subscription at the sandbox, so it gets a copy (same body, same signature, its own Webhookid) of
 * every notification the application gets. The sandbox's private key is never exposed; this is how a
 * test gets real signed bytes. Closing removes the subscription.
 */
public final class WebhookCapture implements AutoCloseable {

    /** The security token the sandbox echoes to this receiver (not the application's). */
    public static final String RECEIVER_TOKEN = "Bearer capture-receiver-token";

    /** One delivery as received: the exact body bytes the signature covers and the headers. */
    public record Delivery(Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        public String signature() {
            return header("Verification-Signature");
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MonoovaSandbox sandbox;
    private final HttpServer server;
    private final List<Delivery> received = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final int subscriptionId;

    public WebhookCapture(MonoovaSandbox sandbox) {
        this.sandbox = sandbox;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            synchronized (received) {
                received.add(new Delivery(headers, body));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        String target = "http://localhost:" + server.getAddress().getPort() + "/capture";
        JsonNode created = sandboxCall("POST", "/subscriptions/v1/create", String.format(
                "{\"eventName\":\"NppPaymentStatus\",\"targetUrl\":\"%s\",\"subscriptionStatus\":\"On\",\"securityToken\":\"%s\"}",
                target, RECEIVER_TOKEN));
        subscriptionId = created.path("id").asInt();
    }

    /** Waits for this receiver's copy of the final webhook of {@code uniqueReference}. */
    public Delivery awaitFor(String uniqueReference, Duration timeout) {
        Delivery[] found = new Delivery[1];
        Awaitility.await("captured webhook for " + uniqueReference)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Optional<Delivery> d = deliveries().stream()
                            .filter(x -> uniqueReference.equals(x.json().path("UniqueReference").asText()))
                            .findFirst();
                    d.ifPresent(x -> found[0] = x);
                    return d.isPresent();
                });
        return found[0];
    }

    public List<Delivery> deliveries() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        try {
            sandboxCall("DELETE", "/subscriptions/v1/delete/" + subscriptionId, null);
        } finally {
            server.stop(0);
        }
    }

    private JsonNode sandboxCall(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.baseUri() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((sandbox.apiKey() + ":").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json");
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("sandbox " + method + " " + path + " -> " + r.statusCode() + " " + r.body());
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
