package com.acme.payouts.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Test-side HTTP client for a running sandbox: real requests, Basic auth, parsed JSON replies. */
final class SandboxClient {

    static final ObjectMapper MAPPER = SandboxJson.newMapper();

    /** A response as the test sees it. */
    record Reply(int httpStatus, HttpHeaders headers, byte[] body) {
        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String status() {
            return json().path("status").asText();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpClient http;
    private final URI baseUri;
    private final String authorization;

    SandboxClient(MonoovaSandbox sandbox) {
        this(sandbox.baseUri(), basic(sandbox.apiKey() + ":"));
    }

    private SandboxClient(URI baseUri, String authorization) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.baseUri = baseUri;
        this.authorization = authorization;
    }

    static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** A client that sends this Authorization header instead (none for {@code null}). */
    SandboxClient withAuthorization(String header) {
        return new SandboxClient(baseUri, header);
    }

    Reply get(String path) {
        return send(request(path).GET(), Duration.ofSeconds(10));
    }

    Reply delete(String path) {
        return send(request(path).DELETE(), Duration.ofSeconds(10));
    }

    Reply post(String path, String json) {
        return post(path, json, Duration.ofSeconds(10));
    }

    Reply post(String path, Object json) {
        return post(path, toJson(json));
    }

    Reply post(String path, String json, Duration timeout) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), timeout);
    }

    /** Like {@link #post} but lets transport failures (timeouts, resets) through for assertions. */
    Reply postRaw(String path, String json, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .timeout(timeout)
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), response.headers(), response.body());
    }

    Reply execute(Object body) {
        return post("/financial/v2/transaction/execute", toJson(body));
    }

    Reply validate(Object body) {
        return post("/financial/v2/transaction/validate", toJson(body));
    }

    Reply status(String uniqueReference) {
        return get("/financial/v2/status/" + encode(uniqueReference));
    }

    JsonNode subscribe(String eventName, URI targetUrl, String securityToken) {
        var body = MAPPER.createObjectNode()
                .put("eventName", eventName)
                .put("targetUrl", targetUrl.toString())
                .put("subscriptionStatus", "On")
                .put("securityToken", securityToken);
        Reply reply = post("/subscriptions/v1/create", body.toString());
        if (reply.httpStatus() != 200) {
            throw new IllegalStateException("subscribe failed: " + reply.text());
        }
        return reply.json();
    }

    static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String toJson(Object body) {
        if (body instanceof String) {
            return (String) body;
        }
        try {
            return MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUri.resolve(path));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder builder, Duration timeout) {
        try {
            HttpResponse<byte[]> response = http.send(builder.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
