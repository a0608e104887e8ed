package com.acme.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.payouts.support.EmbeddedDefaultTest;
import com.acme.payouts.support.PayoutsClient;
import com.acme.payouts.support.PayoutsClient.Reply;
import com.acme.payouts.support.TestCredentials;
import com.acme.payouts.support.TestJwts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Authentication and its hygiene on the running service: JWTs from the identity provider (issuer,
 * audience, lifetime, signature), API keys through rotation and revocation, customer scopes,
 * security headers on every kind of response, and the request size limit.
 */
class AccessControlIT extends EmbeddedDefaultTest {

    private static final List<String> ALL_ROLES =
            List.of("ops", "payout:create", "payout:read", "payout:approve", "payee:write", "payee:read");

    private String customer() {
        return "c-access-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Reply createKey(String body) {
        Reply r = api.post("/v1/api-keys", body, Map.of());
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r;
    }

    @Test
    void a_valid_jwt_is_a_caller_with_the_roles_in_its_scope_claim() {
        String customer = customer();
        PayoutsClient user = api.as(TestJwts.shared().token("user-42", List.of("payee:write", "payee:read"), List.of()));
        Reply created = user.createBankPayee(customer, "Jwt Payee", "062-000", "12345678");
        assertThat(user.get("/v1/payees/" + created.id()).status()).isEqualTo(200);
        assertThat(user.get("/v1/payouts").status()).as("no payout:read in its scope").isEqualTo(403);
        Reply audit = api.get("/v1/audit?entity=payee:" + created.id());
        assertThat(audit.body().path("items").get(0).path("actor").path("principal").asText()).isEqualTo("jwt:user-42");
    }

    @Test
    void jwts_for_another_audience_or_issuer_expired_or_forged_are_refused() {
        TestJwts idp = TestJwts.shared();
        List<String> refused = List.of(
                idp.withClaims("u", ALL_ROLES, TestJwts.ISSUER, "another-api", Instant.now().plusSeconds(300)),
                idp.withClaims("u", ALL_ROLES, "https://evil.example.test/", TestJwts.AUDIENCE, Instant.now().plusSeconds(300)),
                idp.withClaims("u", ALL_ROLES, TestJwts.ISSUER, TestJwts.AUDIENCE, Instant.now().minusSeconds(120)),
                idp.forged("u", ALL_ROLES));
        for (String token : refused) {
            Reply r = api.as(token).get("/v1/payouts");
            assertThat(r.status()).as(r.raw()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).contains("invalid_token");
            assertThat(r.raw()).doesNotContain(token).doesNotContain("audience", "expired", "signature");
        }
    }

    @Test
    void a_rotated_key_stops_its_old_secret_and_a_revoked_key_stops_at_once() {
        Reply key = createKey("{\"name\":\"rotating service\",\"roles\":[\"payout:read\"]}");
        String first = key.body().path("token").asText();
        assertThat(api.as(first).get("/v1/payouts?limit=1").status()).isEqualTo(200);

        Reply rotated = api.post("/v1/api-keys/" + key.id() + "/rotate", "{\"overlapSeconds\":300}", Map.of());
        String second = rotated.body().path("token").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(api.as(first).get("/v1/payouts?limit=1").status()).as("during the overlap").isEqualTo(200);
        assertThat(api.as(second).get("/v1/payouts?limit=1").status()).isEqualTo(200);

        Reply revoked = api.post("/v1/api-keys/" + key.id() + "/revoke", null, new byte[0], Map.of());
        assertThat(revoked.status()).as(revoked.raw()).isEqualTo(200);
        assertThat(revoked.body().path("revokedAt").isTextual()).isTrue();
        assertThat(api.as(first).get("/v1/payouts?limit=1").status()).isEqualTo(401);
        assertThat(api.as(second).get("/v1/payouts?limit=1").status()).isEqualTo(401);

        Reply listed = api.get("/v1/api-keys");
        assertThat(listed.raw()).doesNotContain(first.substring(20), second.substring(20)).doesNotContain("hash", "salt");
        assertThat(api.get("/v1/audit?entity=api-key:" + key.id()).body().findValuesAsText("action"))
                .containsExactly("api-key.revoked", "api-key.rotated", "api-key.created");
    }

    @Test
    void a_key_scoped_to_customers_sees_and_pays_only_those() {
        String mine = customer();
        String theirs = customer();
        String myPayee = api.createBankPayee(mine, "Mine Payee", "062-000", "12345678").id();
        String theirPayee = api.createBankPayee(theirs, "Their Payee", "062-000", "87654321").id();
        String theirPayout = api.createPayout("scope-" + UUID.randomUUID(), theirPayee, "2.00", "NPP", "Theirs").id();
        PayoutsClient scoped = api.as(createKey("{\"name\":\"scoped app\",\"roles\":[\"payee:read\",\"payee:write\","
                + "\"payout:create\",\"payout:read\"],\"customers\":[\"" + mine + "\"]}").body().path("token").asText());

        assertThat(scoped.get("/v1/payees/" + myPayee).status()).isEqualTo(200);
        assertThat(scoped.get("/v1/payees/" + theirPayee).status()).as("out of scope looks absent").isEqualTo(404);
        assertThat(scoped.get("/v1/payouts/" + theirPayout).status()).isEqualTo(404);
        assertThat(scoped.post("/v1/payees", "{\"customerId\":\"" + theirs + "\",\"type\":\"BANK_ACCOUNT\",\"accountName\":"
                + "\"X Y\",\"bsb\":\"062-000\",\"accountNumber\":\"1234\"}", Map.of()).status()).isEqualTo(403);
        Reply refused = scoped.createPayout("scope-" + UUID.randomUUID(), theirPayee, "2.00", "NPP", "Theirs");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.body().findValuesAsText("field")).contains("payeeId");
        Reply mineOk = scoped.createPayout("scope-" + UUID.randomUUID(), myPayee, "2.00", "NPP", "Mine");
        assertThat(mineOk.status()).as(mineOk.raw()).isEqualTo(202);
        // Listing: only its customer, whether it names it or not.
        assertThat(scoped.get("/v1/payouts?customerId=" + theirs).status()).isEqualTo(403);
        Reply listed = scoped.get("/v1/payouts?limit=100");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().path("items").findValuesAsText("customerId")).containsOnly(mine);
    }

    @Test
    void every_response_carries_security_headers_and_never_a_stack_trace() {
        List<Reply> replies = List.of(
                api.get("/v1/payouts?limit=1"),
                api.get("/v1/payouts/po_" + "c".repeat(26)),
                api.as(null).get("/v1/payouts"),
                api.as(api.get("/v1/api-keys").body().path("items").get(0).path("id").asText()).get("/v1/payouts"),
                api.post("/webhooks/monoova?event=NppPaymentStatus", "{}", Map.of("Authorization", "nope")));
        for (Reply r : replies) {
            assertThat(r.header("X-Content-Type-Options")).as("%d %s", r.status(), r.raw()).isEqualTo("nosniff");
            assertThat(r.header("Cache-Control")).contains("no-store");
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(r.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
            assertThat(r.raw()).doesNotContain("Exception", "\tat ", "java.");
        }
    }

    @Test
    void bodies_over_64_kib_are_refused_with_413_before_anything_reads_them() {
        String big = "{\"reason\":\"" + "x".repeat(70 * 1024) + "\"}";
        Reply r = api.post("/v1/payouts/po_" + "c".repeat(26) + "/reject", big, Map.of());
        assertThat(r.status()).as(r.raw()).isEqualTo(413);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Cache-Control")).contains("no-store");
        Reply anonymous = api.as(null).post("/v1/payees", "application/json", big.getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(anonymous.status()).isEqualTo(413);
        Reply webhook = api.post("/webhooks/monoova?event=NppPaymentStatus", big, Map.of());
        assertThat(webhook.status()).isEqualTo(413);
    }

    @Test
    void a_path_outside_the_contract_is_denied_and_actuator_health_stays_open() throws Exception {
        String reader = createKey("{\"name\":\"reader\",\"roles\":[\"payout:read\"]}").body().path("token").asText();
        assertThat(status("/actuator/health", null)).isEqualTo(200);
        assertThat(status("/actuator/metrics", null)).isEqualTo(401);
        assertThat(status("/actuator/metrics", reader)).isEqualTo(403);
        assertThat(status("/actuator/metrics", TestCredentials.BOOTSTRAP_TOKEN)).as("ops may read metrics").isEqualTo(200);
        assertThat(status("/v1/secrets", null)).isEqualTo(401);
        assertThat(status("/v1/secrets", reader)).isEqualTo(403);
    }

    /** Outside the contract, so not through PayoutsClient (which checks every answer against it). */
    private int status(String path, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
