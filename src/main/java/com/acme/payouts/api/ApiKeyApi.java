package com.acme.payouts.api;

import com.acme.payouts.security.ApiKey;
import com.acme.payouts.security.ApiKeys;
import com.acme.payouts.security.Callers;
import com.acme.payouts.security.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * The API key operations ({@code ops} only): create, list, rotate, revoke. A key's token is in the
 * response to create and rotate only; it is stored nowhere.
 */
public class ApiKeyApi {

    private final ApiKeys keys;
    private final ApiResponses responses;
    private final ObjectMapper json;

    public ApiKeyApi(ApiKeys keys, ApiResponses responses, ObjectMapper json) {
        this.keys = keys;
        this.responses = responses;
        this.json = json;
    }

    public void create(Exchange exchange) throws IOException {
        JsonNode body = json.readTree(exchange.getIn().getBody(String.class));
        Set<Role> roles = new LinkedHashSet<>();
        body.path("roles").forEach(r -> roles.add(Role.of(r.asText()).orElseThrow()));
        Set<String> customers = new LinkedHashSet<>();
        body.path("customers").forEach(c -> customers.add(c.asText()));
        ApiKeys.Issued issued = keys.create(new ApiKeys.NewKey(body.path("name").asText(), roles, customers,
                        decimal(body, "perRequestLimit"), decimal(body, "dailyLimit")),
                Callers.of(exchange).actor());
        responses.respond(exchange, 201, withToken(issued), Map.of("Location", "/v1/api-keys/" + issued.key().id()));
    }

    public void list(Exchange exchange) {
        responses.respond(exchange, 200, Map.of("items", keys.list().stream().map(ApiKeys::view).toList()), Map.of());
    }

    public void rotate(Exchange exchange) throws IOException {
        String body = exchange.getIn().getBody(String.class);
        long overlap = body == null || body.isBlank() ? 0 : json.readTree(body).path("overlapSeconds").asLong(0);
        ApiKeys.Issued issued = run(() -> keys.rotate(keyId(exchange), Duration.ofSeconds(overlap), Callers.of(exchange).actor()));
        responses.respond(exchange, 200, withToken(issued), Map.of());
    }

    public void revoke(Exchange exchange) {
        ApiKey revoked = run(() -> keys.revoke(keyId(exchange), Callers.of(exchange).actor()));
        responses.respond(exchange, 200, ApiKeys.view(revoked), Map.of());
    }

    private static String keyId(Exchange exchange) {
        return exchange.getIn().getHeader("keyId", String.class);
    }

    private static Map<String, Object> withToken(ApiKeys.Issued issued) {
        Map<String, Object> view = new LinkedHashMap<>(ApiKeys.view(issued.key()));
        view.put("token", issued.token());
        return view;
    }

    private static BigDecimal decimal(JsonNode body, String field) {
        return body.hasNonNull(field) ? new BigDecimal(body.get(field).asText()) : null;
    }

    private static <T> T run(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (ApiKeys.KeyProblem p) {
            throw p.missing()
                    ? ApiProblemException.notFound(p.getMessage())
                    : ApiProblemException.conflict("api-key-state", p.getMessage());
        }
    }
}
