package com.acme.payouts.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * Drives the service over HTTP the way a client would, and checks every response against
 * {@code openapi/payouts-api.yaml}: a response that drifts from the contract fails the test that
 * received it.
 *
 * <p>Every request carries {@code Authorization: Bearer <credential>}: by default the bootstrap
 * operator key the tests configure ({@link TestCredentials#BOOTSTRAP_TOKEN}); {@link #as(String)}
 * gives a client for another credential (or, with null, none), sharing this one's transcript. A
 * request's own {@code Authorization} header, if a test passes one, wins.
 */
public class PayoutsClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiInteractionValidator CONTRACT = contract();

    private final String base;
    private final String bearer;
    private final HttpClient http;
    private final List<Reply> transcript;

    /** A client calling as the bootstrap operator key. */
    public PayoutsClient(String base) {
        this(base, TestCredentials.BOOTSTRAP_TOKEN);
    }

    /** A client calling with this bearer credential (null: none). */
    public PayoutsClient(String base, String bearer) {
        this(base, bearer, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), new CopyOnWriteArrayList<>());
    }

    private PayoutsClient(String base, String bearer, HttpClient http, List<Reply> transcript) {
        this.base = base;
        this.bearer = bearer;
        this.http = http;
        this.transcript = transcript;
    }

    /** The same service, called with another bearer credential (null: no credential at all). */
    public PayoutsClient as(String bearerToken) {
        return new PayoutsClient(base, bearerToken, http, transcript);
    }

    /** A response: status, headers and parsed JSON body. */
    public record Reply(int status, Map<String, List<String>> headers, JsonNode body, String raw) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst()
                    .map(e -> e.getValue().get(0))
                    .orElse(null);
        }

        public String id() {
            return body.path("id").asText();
        }
    }

    public Reply post(String path, String json, Map<String, String> headers) {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    /**
     * A POST with exactly this body and content type ({@code null}: no Content-Type header at all);
     * {@code headers} may override anything else.
     */
    public Reply post(String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.setHeader("Content-Type", contentType);
        }
        authorize(b);
        headers.forEach(b::setHeader);
        return send(b.build(), Request.Method.POST, path);
    }

    /** A PUT of a JSON body. */
    public Reply put(String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .setHeader("Content-Type", "application/json");
        authorize(b);
        return send(b.build(), Request.Method.PUT, path);
    }

    /** A DELETE. */
    public Reply delete(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).DELETE();
        authorize(b);
        return send(b.build(), Request.Method.DELETE, path);
    }

    /** A GET with extra request headers. */
    public Reply get(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET();
        authorize(b);
        headers.forEach(b::setHeader);
        return send(b.build(), Request.Method.GET, path);
    }

    private void authorize(HttpRequest.Builder b) {
        if (bearer != null) {
            b.setHeader("Authorization", "Bearer " + bearer);
        }
    }

    /** Every response this client received, in order (for tests that scan what the API ever said). */
    public List<Reply> transcript() {
        return List.copyOf(transcript);
    }

    /** {@code GET /v1/payouts?<query>}, asserted 200. */
    public JsonNode listPayouts(String query) {
        Reply r = get("/v1/payouts" + (query == null || query.isEmpty() ? "" : "?" + query));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    /** Every payout of a customer, newest first, following the cursor from page to page. */
    public List<JsonNode> allPayouts(String customerId) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = listPayouts("customerId=" + encode(customerId) + "&limit=100"
                    + (cursor == null ? "" : "&cursor=" + encode(cursor)));
            page.path("items").forEach(all::add);
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    public int countPayouts(String customerId) {
        return allPayouts(customerId).size();
    }

    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public Reply get(String path) {
        return get(path, Map.of());
    }

    public Reply createBankPayee(String customerId, String name, String bsb, String account) {
        Reply r = post("/v1/payees", String.format(
                "{\"customerId\":\"%s\",\"type\":\"BANK_ACCOUNT\",\"accountName\":\"%s\",\"bsb\":\"%s\",\"accountNumber\":\"%s\"}",
                customerId, name, bsb, account), Map.of());
        // 201 new; 200 when the customer already has this account (the existing payee, ADR 0010)
        assertThat(r.status()).as(r.raw()).isIn(200, 201);
        return r;
    }

    public Reply createPayIdPayee(String customerId, String name, String payIdType, String payId) {
        Reply r = post("/v1/payees", String.format(
                "{\"customerId\":\"%s\",\"type\":\"PAYID\",\"accountName\":\"%s\",\"payIdType\":\"%s\",\"payId\":\"%s\"}",
                customerId, name, payIdType, payId), Map.of());
        assertThat(r.status()).as(r.raw()).isIn(200, 201);
        return r;
    }

    public Reply createPayout(String idempotencyKey, String payeeId, String amount, String method, String reference) {
        String body = reference == null
                ? String.format("{\"payeeId\":\"%s\",\"amount\":\"%s\",\"currency\":\"AUD\",\"method\":\"%s\"}",
                        payeeId, amount, method)
                : String.format("{\"payeeId\":\"%s\",\"amount\":\"%s\",\"currency\":\"AUD\",\"method\":\"%s\",\"reference\":\"%s\"}",
                        payeeId, amount, method, reference);
        return post("/v1/payouts", body, Map.of("Idempotency-Key", idempotencyKey));
    }

    public JsonNode payout(String id) {
        Reply r = get("/v1/payouts/" + id);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    /** Waits until the payout's status satisfies {@code done}; returns the payout then. */
    public JsonNode awaitPayout(String id, Duration timeout, Predicate<String> done) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await("payout " + id)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    last[0] = payout(id);
                    return done.test(last[0].path("status").asText());
                });
        return last[0];
    }

    /** For payouts created asynchronously (from the queue): waits until the payout exists, then for {@code done}. */
    public JsonNode awaitCreatedPayout(String id, Duration timeout, Predicate<String> done) {
        Awaitility.await("payout " + id + " created")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> get("/v1/payouts/" + id).status() == 200);
        return awaitPayout(id, timeout, done);
    }

    public JsonNode awaitStatus(String id, String status, Duration timeout) {
        return awaitPayout(id, timeout, status::equals);
    }

    public static final Set<String> SETTLED = Set.of("COMPLETED", "FAILED", "RETURNED", "CANCELLED");

    private Reply send(HttpRequest request, Request.Method method, String path) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode body = raw == null || raw.isBlank() ? JSON.nullNode() : parse(raw);
            checkContract(method, path, response);
            Reply reply = new Reply(response.statusCode(), response.headers().map(), body, raw);
            transcript.add(reply);
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (IOException notJson) {
            // Left to the contract check (and the test) to complain about.
            return JSON.missingNode();
        }
    }

    private static void checkContract(Request.Method method, String path, HttpResponse<String> response) {
        String plainPath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        SimpleResponse.Builder b = SimpleResponse.Builder.status(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(b::withContentType);
        if (response.body() != null && !response.body().isEmpty()) {
            b.withBody(response.body());
        }
        ValidationReport report = CONTRACT.validateResponse(plainPath, method, b.build());
        assertThat(report.getMessages())
                .as("%s %s -> %d does not match the API contract: %s", method, plainPath, response.statusCode(), report)
                .filteredOn(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .isEmpty();
    }

    private static OpenApiInteractionValidator contract() {
        try {
            return OpenApiInteractionValidator.createForInlineApiSpecification(
                            Files.readString(Path.of("openapi", "payouts-api.yaml")))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
